import { z } from 'zod';
import { IndustryCode } from '../../../contracts/common.js';
import { SizeBasis } from '../../../contracts/enterprises.js';
import { invalid, notFound } from '../../errors.js';
import type { App } from '../../http/context.js';
import { classifyEnterpriseSize } from '../../platform/enterprise-size.js';
import { geoRegions, readGeo } from '../../platform/geo.js';
import { findIndustry, industryAncestors, industryChildren, industryTree, normaliseIndustryCode } from '../../platform/industries.js';
import { findRegion, regionAncestors, regionChildren, regionTree } from '../../platform/regions.js';
import { validateUscc } from '../../platform/uscc.js';

const CascaderNode: z.ZodType<{ value: string; label: string; children?: unknown[] }> = z.lazy(() =>
  z.object({ value: z.string(), label: z.string(), children: z.array(CascaderNode).optional() }),
);
const CodeName = z.object({ code: z.string(), name: z.string(), level: z.union([z.string(), z.number()]), parent: z.string().nullable() });

/** `/api/v1/reference/*`: public reference data and rules (no log-in needed). */
export function referenceRoutes() {
  return async (app: App) => {
    app.get('/api/v1/reference/uscc/:code', {
      schema: {
        tags: ['reference'],
        summary: 'Validate a USCC 校验统一社会信用代码',
        description: 'GB 32100-2015: 18 characters without I, O, S, V, Z; registration department and category codes; check character. `reason` says why an invalid code fails.',
        params: z.object({ code: z.string().max(64) }),
        response: { 200: z.object({ code: z.string(), valid: z.boolean(), reason: z.string().optional(), warnings: z.array(z.string()).optional().describe('Soft checks that failed (GB 11714 inner check character, unusual category); the code stays valid.') }) },
      },
    }, async (request) => validateUscc(request.params.code));

    app.get('/api/v1/reference/enterprise-size', {
      schema: {
        tags: ['reference'],
        summary: 'Enterprise size class 企业规模划型',
        description: '统计上大中小微型企业划分办法（2017）: the industry row is found from the GB/T 4754 code; every listed indicator must reach a tier (the worst indicator decides); an explanation per indicator. Revenue and assets in 万元.',
        querystring: z.object({
          industry: IndustryCode,
          employees: z.coerce.number().int().min(0).optional(),
          revenue: z.coerce.number().min(0).optional(),
          assets: z.coerce.number().min(0).optional(),
        }),
        response: {
          200: z.object({
            size: z.enum(['large', 'medium', 'small', 'micro']).nullable(),
            category: z.string(),
            categoryName: z.string(),
            basis: z.array(SizeBasis),
            reason: z.string().optional(),
            isAssumed: z.boolean().optional(),
          }),
        },
      },
    }, async (request) => {
      const code = normaliseIndustryCode(request.query.industry);
      if (!code || !findIndustry(code)) {
        throw invalid([{ path: 'industry', message: `未知的国民经济行业代码 ${request.query.industry}` }]);
      }
      return classifyEnterpriseSize({ industryCode: code, employees: request.query.employees, revenue: request.query.revenue, assets: request.query.assets });
    });

    app.get('/api/v1/reference/regions/tree', {
      schema: { tags: ['reference'], summary: 'GB/T 2260 regions as a tree 行政区划树', response: { 200: z.array(CascaderNode) } },
    }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return regionTree();
    });

    app.get('/api/v1/reference/regions', {
      schema: {
        tags: ['reference'],
        summary: 'Regions under a parent, or one region with its ancestors 行政区划',
        querystring: z.object({ parent: z.string().regex(/^\d{6}$/).optional(), code: z.string().regex(/^\d{6}$/).optional() }),
        response: { 200: z.object({ items: z.array(CodeName) }) },
      },
    }, async (request) => {
      if (request.query.code) {
        if (!findRegion(request.query.code)) {
          throw invalid([{ path: 'code', message: `未知的行政区划代码 ${request.query.code}` }]);
        }
        return { items: [...regionAncestors(request.query.code), findRegion(request.query.code)!] };
      }
      return { items: regionChildren(request.query.parent ?? null) };
    });

    app.get('/api/v1/reference/geo', {
      schema: {
        tags: ['reference'],
        summary: 'Regions with a bundled map 有地图的行政区划',
        description: 'GB/T 2260 codes whose subordinate regions have bundled outlines (`000000` = the country’s provinces); the dashboard map drills down only into these.',
        response: { 200: z.object({ items: z.array(z.string()) }) },
      },
    }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return { items: geoRegions() };
    });

    app.get('/api/v1/reference/geo/:code', {
      schema: {
        tags: ['reference'],
        summary: 'Outlines of a region’s subordinate regions 下级行政区划地图',
        description: 'A GeoJSON FeatureCollection (RFC 7946) of the subordinate regions of `code` (`000000`: provinces), each feature with `properties.code` (GB/T 2260) and `properties.name`; 404 when no map is bundled for that region. Sources: `data/SOURCES.md`.',
        params: z.object({ code: z.string().regex(/^\d{6}$/) }),
      },
    }, async (request, reply) => {
      const text = await readGeo(request.params.code);
      if (!text) throw notFound('行政区划地图');
      return reply.header('content-type', 'application/geo+json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(text);
    });

    app.get('/api/v1/reference/industries/tree', {
      schema: { tags: ['reference'], summary: 'GB/T 4754-2017 industries as a tree 国民经济行业分类树', response: { 200: z.array(CascaderNode) } },
    }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return industryTree();
    });

    app.get('/api/v1/reference/industries', {
      schema: {
        tags: ['reference'],
        summary: 'Industries under a parent, or one industry with its ancestors 国民经济行业',
        querystring: z.object({ parent: IndustryCode.optional(), code: IndustryCode.optional() }),
        response: { 200: z.object({ items: z.array(CodeName) }) },
      },
    }, async (request) => {
      if (request.query.code) {
        const code = normaliseIndustryCode(request.query.code);
        if (!code || !findIndustry(code)) {
          throw invalid([{ path: 'code', message: `未知的国民经济行业代码 ${request.query.code}` }]);
        }
        return { items: [...industryAncestors(code), findIndustry(code)!] };
      }
      return { items: industryChildren(request.query.parent ? normaliseIndustryCode(request.query.parent) ?? request.query.parent : null) };
    });
  };
}
