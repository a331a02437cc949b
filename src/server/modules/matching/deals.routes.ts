import type { App, AppContext } from '../../http/context.js';

/** Routes of the match lifecycle (invite → negotiate → deal/decline) and RFQs with sealed quotes. */
export function dealsRoutes(_ctx: AppContext) {
  return async (_app: App) => {};
}
