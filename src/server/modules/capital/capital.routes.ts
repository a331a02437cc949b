import type { App, AppContext } from '../../http/context.js';
import { ledgerRoutes } from './ledger.routes.js';
import { practiceRoutes } from './practice.routes.js';
import { vouchersRoutes } from './vouchers.routes.js';

/** Routes of the capital chain: payables ledger, vouchers, payment practice (complaints, financing and credit are not built yet). */
export function capitalRoutes(ctx: AppContext) {
  return async (app: App) => {
    await app.register(ledgerRoutes(ctx));
    await app.register(vouchersRoutes(ctx));
    await app.register(practiceRoutes(ctx));
  };
}
