import { z } from 'zod';
import { HalfYear, PracticeQuery, PracticeView } from '../../../contracts/capital.js';
import { Uscc } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { TAGS } from './capital.http.js';
import { getBuyerPractice, rankBuyers } from './practice.service.js';

/** `/api/v1/payment-practice` (gov ranking) and `/api/v1/enterprises/{uscc}/payment-practice` (disclosure). */
export function practiceRoutes(ctx: AppContext) {
  const { db } = ctx;
  return async (app: App) => {
    app.get('/api/v1/enterprises/:uscc/payment-practice', {
      schema: {
        tags: TAGS,
        summary: 'Payment-practice disclosure of a buyer 付款行为公示',
        description: 'Aggregates only (no contract, supplier or amount) of a large enterprise or government body over the deliveries of a half-year: average days to pay, shares paid within 30 / 31–60 / over 60 days, share late. Every signed-in user. `complaints`: complaints filed against it in the half-year (disputes). 404 for other enterprises.',
        params: z.object({ uscc: Uscc }),
        querystring: z.object({ half: HalfYear }),
        response: { 200: PracticeView },
      },
    }, async (request) => {
      requireActor(request);
      return getBuyerPractice(db, request.params.uscc, request.query.half);
    });

    app.get('/api/v1/payment-practice', {
      schema: {
        tags: TAGS,
        summary: 'Payment-practice ranking 大企业付款行为排名',
        description: 'Gov users and admins: the large buyers of a region (default the caller’s scope) with deliveries in the half-year, worst share late first (at most 1,000). Members and experts get 403.',
        querystring: PracticeQuery,
        response: { 200: z.object({ items: z.array(PracticeView) }) },
      },
    }, async (request) => ({ items: await rankBuyers(db, requireActor(request), request.query.half, request.query.region) }));
  };
}
