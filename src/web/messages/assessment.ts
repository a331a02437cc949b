/** UI messages of the gradient evaluation, digital-transformation level, solution catalogue (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const assessmentZh = {
} as const;

export const assessmentEn: Record<keyof typeof assessmentZh, string> = {
};
