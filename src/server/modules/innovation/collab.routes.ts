import type { App, AppContext } from '../../http/context.js';
import { consortiumRoutes } from './consortia.routes.js';
import { greenRoutes } from './green.routes.js';
import { ipRoutes } from './ip.routes.js';

/** Routes of consortia, standards and patents, and green criteria. */
export function collabRoutes(ctx: AppContext) {
  return async (app: App) => {
    await consortiumRoutes(ctx)(app);
    await ipRoutes(ctx)(app);
    await greenRoutes(ctx)(app);
  };
}
