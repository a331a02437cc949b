/** UI messages of the government workbench: tasks down the hierarchy, dashboards, key lists, projects (merged into the app dictionary by `i18n.ts`). Chinese first. */
export const workbenchZh = {
} as const;

export const workbenchEn: Record<keyof typeof workbenchZh, string> = {
};
