import { businessDate } from '../../platform/dates.js';
import { ListListingsQuery, ListingView } from '../../../contracts/cross-border.js';
import { Page } from '../../../contracts/common.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../http/context.js';
import { exportListings } from './crossborder.export.js';
import type { ListingRecord } from './crossborder.repo.js';
import { listListings } from './crossborder.service.js';
import { attachment, XLSX } from './matching.routes.js';

/** A listing row as the API shows it. */
function presentListing(l: ListingRecord): ListingView {
  return {
    kind: l.kind, id: l.id, title: l.title, titleEn: l.titleEn, description: l.description, descriptionEn: l.descriptionEn, uscc: l.uscc,
    enterpriseName: l.enterpriseName, regionCode: l.regionCode, industryCode: l.industryCode, needKind: l.needKind, products: l.products,
    targetCountries: l.targetCountries, listedAt: l.listedAt.toISOString(), link: l.kind === 'need' ? `/matching/needs/${l.id}` : `/cross-border?offer=${l.id}`,
  };
}

/** `/api/v1/cross-border/listings*`: the bilingual cross-border listings of needs and offers. */
export function crossBorderRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get('/api/v1/cross-border/listings', {
      schema: {
        tags: ['matching'],
        summary: 'Cross-border listings 跨境对接清单',
        description: 'Published needs and offers flagged `crossBorder`, with English text where given (`titleEn`/`descriptionEn`, null otherwise) and target countries (ISO 3166-1 alpha-2). Needs follow the visibility of `GET /needs` (public; region; invited); offers are public listings. Filters: `kind`, `country`, `industry` (code prefix; the need’s industry, else the enterprise’s). Newest first, cursor pages.',
        querystring: ListListingsQuery,
        response: { 200: Page(ListingView) },
      },
    }, async (request) => {
      const page = await listListings(ctx.db, requireActor(request), request.query);
      return { items: page.items.map(presentListing), nextCursor: page.nextCursor };
    });

    app.get('/api/v1/cross-border/listings/export', {
      schema: {
        tags: ['matching'],
        summary: 'Export cross-border listings to Excel 导出跨境对接清单',
        description: 'The listings of `GET /cross-border/listings` with the same filters (at most 500) as `.xlsx`, Chinese and English columns side by side.',
        querystring: ListListingsQuery.omit({ cursor: true, limit: true }),
      },
    }, async (request, reply) => {
      const body = await exportListings(ctx.db, requireActor(request), request.query);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(`跨境对接清单-${businessDate()}.xlsx`)).send(body);
    });
  };
}
