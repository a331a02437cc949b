/** UI messages of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const dealsZh = {
} as const;

export const dealsEn: Record<keyof typeof dealsZh, string> = {
};
