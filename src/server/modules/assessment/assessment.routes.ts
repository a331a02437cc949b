import type { App, AppContext } from '../../http/context.js';

/** Routes of the gradient evaluation, digital-transformation level, solution catalogue. */
export function assessmentRoutes(_ctx: AppContext) {
  return async (_app: App) => {};
}
