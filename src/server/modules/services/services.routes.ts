import type { App, AppContext } from '../../http/context.js';
import { caseRoutes } from './cases.routes.js';

/** Routes of the service module: typical cases (public pages included). */
export function servicesRoutes(ctx: AppContext) {
  return async (app: App) => {
    await caseRoutes(ctx)(app);
  };
}
