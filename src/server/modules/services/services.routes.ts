import type { App, AppContext } from '../../http/context.js';
import { caseRoutes } from './cases.routes.js';
import { directoryRoutes } from './directory.routes.js';
import { programmeRoutes } from './programmes.routes.js';

/** Routes of the service module: typical cases (public pages included), policy programmes and the service directory. */
export function servicesRoutes(ctx: AppContext) {
  return async (app: App) => {
    await caseRoutes(ctx)(app);
    await programmeRoutes(ctx)(app);
    await directoryRoutes(ctx)(app);
  };
}
