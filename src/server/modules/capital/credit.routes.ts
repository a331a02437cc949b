import { z } from 'zod';
import { CreditScoreView, CreditWeightsView, UpdateCreditWeightsBody } from '../../../contracts/capital.js';
import { Uscc } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { TAGS } from './capital.http.js';
import { getCreditScore, getCreditWeights, updateCreditWeights } from './credit.service.js';

/** `/api/v1/credit-scores/{uscc}` (the SME scorecard) and `/api/v1/credit-weights` (its ⚠️ configurable weights). */
export function creditRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/credit-scores/:uscc', {
      schema: {
        tags: TAGS,
        summary: 'Credit score of an enterprise 企业信用评分',
        description: 'The transparent scorecard from platform data as of today: years of record, size, valid certifications, gradient tier, deals signed, complaints against it as a buyer, its own payment record to its suppliers, confirmed receivables held. Each factor shows the fact, its weight (⚠️ ours, configurable) and the points earned. Visible to the enterprise’s members, gov users of its region, admins, and a bank to which it addressed a financing request or opened one to all banks; 404 for everyone else.',
        params: z.object({ uscc: Uscc }),
        response: { 200: CreditScoreView },
      },
    }, async (request) => getCreditScore(db, requireActor(request), request.params.uscc));

    app.get('/api/v1/credit-weights', {
      schema: { tags: TAGS, summary: 'Scorecard weights 信用评分权重', description: 'Points per factor (sum 100). ⚠️ The platform’s own choice, not policy. Every signed-in user.', response: { 200: CreditWeightsView } },
    }, async (request) => {
      requireActor(request);
      return getCreditWeights(db);
    });

    app.put('/api/v1/credit-weights', {
      schema: {
        tags: TAGS,
        summary: 'Set scorecard weights 调整信用评分权重',
        description: 'Platform admins set the points of every factor; they must sum to 100 (422 naming `weights` otherwise); others get 403. Audited.',
        body: UpdateCreditWeightsBody,
        response: { 200: CreditWeightsView },
      },
    }, async (request) => updateCreditWeights(db, { actor: requireActor(request), requestId: request.id }, request.body));
  };
}
