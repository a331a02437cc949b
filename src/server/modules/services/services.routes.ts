import type { App, AppContext } from '../../http/context.js';
import { caseRoutes } from './cases.routes.js';
import { programmeRoutes } from './programmes.routes.js';

/** Routes of the service module: typical cases (public pages included) and policy programmes. */
export function servicesRoutes(ctx: AppContext) {
  return async (app: App) => {
    await caseRoutes(ctx)(app);
    await programmeRoutes(ctx)(app);
  };
}
