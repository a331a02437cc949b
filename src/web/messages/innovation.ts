/** UI messages of the innovation and talent: challenges, shared resources, achievements, experts (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const innovationZh = {
} as const;

export const innovationEn: Record<keyof typeof innovationZh, string> = {
};
