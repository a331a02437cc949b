import type { App, AppContext } from '../../http/context.js';

/** Routes of the capital chain: payables ledger, complaints, vouchers, financing, credit. */
export function capitalRoutes(_ctx: AppContext) {
  return async (_app: App) => {};
}
