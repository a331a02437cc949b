import type { App, AppContext } from '../../http/context.js';

/** Routes of the innovation and talent: challenges, shared resources, achievements, experts. */
export function innovationRoutes(_ctx: AppContext) {
  return async (_app: App) => {};
}
