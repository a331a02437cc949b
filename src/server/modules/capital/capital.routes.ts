import type { App, AppContext } from '../../http/context.js';
import { complaintsRoutes } from './complaints.routes.js';
import { creditRoutes } from './credit.routes.js';
import { financingRoutes } from './financing.routes.js';
import { ledgerRoutes } from './ledger.routes.js';
import { practiceRoutes } from './practice.routes.js';
import { productsRoutes } from './products.routes.js';
import { vouchersRoutes } from './vouchers.routes.js';

/** Routes of the capital chain: payables ledger, vouchers, payment practice, complaints, financing requests and offers, credit scores, bank products. */
export function capitalRoutes(ctx: AppContext) {
  return async (app: App) => {
    await app.register(ledgerRoutes(ctx));
    await app.register(vouchersRoutes(ctx));
    await app.register(practiceRoutes(ctx));
    await app.register(complaintsRoutes(ctx));
    await app.register(financingRoutes(ctx));
    await app.register(creditRoutes(ctx));
    await app.register(productsRoutes(ctx));
  };
}
