import type { App, AppContext } from '../../http/context.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { listsRoutes } from './lists.routes.js';
import { notificationsRoutes } from './notifications.routes.js';
import { projectsRoutes } from './projects.routes.js';
import { tasksRoutes } from './tasks.routes.js';

/** Routes of the government workbench: tasks down the hierarchy, dashboards, key lists, projects, notifications. */
export function workbenchRoutes(ctx: AppContext) {
  return async (app: App) => {
    await app.register(tasksRoutes(ctx));
    await app.register(dashboardRoutes(ctx));
    await app.register(listsRoutes(ctx));
    await app.register(projectsRoutes(ctx));
    await app.register(notificationsRoutes(ctx));
  };
}
