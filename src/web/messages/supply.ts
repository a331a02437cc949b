/** UI messages of the supply pages (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const supplyZh = {
} as const;

export const supplyEn: Record<keyof typeof supplyZh, string> = {
};
