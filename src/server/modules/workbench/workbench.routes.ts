import type { App, AppContext } from '../../http/context.js';

/** Routes of the government workbench: tasks down the hierarchy, dashboards, key lists, projects. */
export function workbenchRoutes(_ctx: AppContext) {
  return async (_app: App) => {};
}
