import type { App, AppContext } from '../../http/context.js';
import { ledgerRoutes } from './ledger.routes.js';
import { vouchersRoutes } from './vouchers.routes.js';

/** Routes of the capital chain: payables ledger, vouchers (more to come: complaints, financing, credit). */
export function capitalRoutes(ctx: AppContext) {
  return async (app: App) => {
    await app.register(ledgerRoutes(ctx));
    await app.register(vouchersRoutes(ctx));
  };
}
