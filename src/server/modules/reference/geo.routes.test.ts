import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support.js';
import type { App } from '../../http/context.js';
import { findRegion, regionChildren } from '../../platform/regions.js';

let app: App;
const get = (url: string) => app.inject({ method: 'GET', url });
type Collection = { type: string; features: { type: string; properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown[] } }[] };

beforeAll(async () => {
  ({ app } = await createTestApp());
});

/** Development zones (GB/T 2260 codes ending in 7x) have no drawn boundary; nor do two districts carved out of 余杭 and 苍南 after the source was drawn. */
const UNDRAWN = new Set(['330113', '330114', '330383']);

describe('region maps', () => {
  it('lists the regions with a bundled map: the country, 江苏, 浙江 and each of their cities', async () => {
    const res = await get('/api/v1/reference/geo');
    expect(res.statusCode).toBe(200);
    const items: string[] = res.json().items;
    const expected = ['000000', '320000', '330000', ...regionChildren('320000').map((r) => r.code), ...regionChildren('330000').map((r) => r.code)];
    expect([...items].sort()).toEqual([...expected].sort());
  });

  it('serves every map as a FeatureCollection whose features are exactly the drawn subordinate regions', async () => {
    for (const code of (await get('/api/v1/reference/geo')).json().items as string[]) {
      const res = await get(`/api/v1/reference/geo/${code}`);
      expect(res.statusCode, code).toBe(200);
      expect(res.headers['content-type']).toContain('application/geo+json');
      const map = res.json() as Collection;
      expect(map.type).toBe('FeatureCollection');
      const codes = new Set(map.features.map((f) => f.properties.code));
      for (const f of map.features) {
        expect(findRegion(f.properties.code)?.parent ?? null, `${code}: ${f.properties.code}`).toBe(code === '000000' ? null : code);
        expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      }
      const drawable = regionChildren(code === '000000' ? null : code).filter((r) => !/^\d{4}7\d$/.test(r.code) && !UNDRAWN.has(r.code));
      expect([...codes].sort(), code).toEqual(drawable.map((r) => r.code).sort());
    }
  });

  it('answers 404 for a region without a map and 422 for a malformed code', async () => {
    const county = await get('/api/v1/reference/geo/320506');
    expect(county.statusCode).toBe(404);
    expect(county.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/v1/reference/geo/110000')).statusCode).toBe(404);
    const bad = await get('/api/v1/reference/geo/32x');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toContain('code');
  });
});
