/** UI messages of the chains pages (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const chainsZh = {
} as const;

export const chainsEn: Record<keyof typeof chainsZh, string> = {
};
