/** UI messages of the risk pages (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const riskZh = {
} as const;

export const riskEn: Record<keyof typeof riskZh, string> = {
};
