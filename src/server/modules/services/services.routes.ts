import type { App, AppContext } from '../../http/context.js';
import { caseRoutes } from './cases.routes.js';
import { directoryRoutes } from './directory.routes.js';
import { leaderRoutes } from './leaders.routes.js';
import { opennessRoutes } from './openness.routes.js';
import { programmeRoutes } from './programmes.routes.js';

/** Routes of the service module: typical cases (public pages included), policy programmes, the service directory, and chain leaders' actions, clusters, the transfer catalogue and the cross-region chain view, and SOE openings with their openness figures. */
export function servicesRoutes(ctx: AppContext) {
  return async (app: App) => {
    await caseRoutes(ctx)(app);
    await programmeRoutes(ctx)(app);
    await directoryRoutes(ctx)(app);
    await leaderRoutes(ctx)(app);
    await opennessRoutes(ctx)(app);
  };
}
