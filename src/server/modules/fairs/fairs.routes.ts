import type { App, AppContext } from '../../http/context.js';

/** Routes of the matchmaking fairs (洽谈会) with the meeting scheduler. */
export function fairsRoutes(_ctx: AppContext) {
  return async (_app: App) => {};
}
