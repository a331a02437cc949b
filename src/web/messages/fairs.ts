/** UI messages of the matchmaking fairs (洽谈会) with the meeting scheduler (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const fairsZh = {
} as const;

export const fairsEn: Record<keyof typeof fairsZh, string> = {
};
