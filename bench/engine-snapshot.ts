/**
 * Developer check for engine speed work: builds the bench corpus of `--offers` offers, removes
 * some, answers the 300 bench needs and writes every result (order, scores, reasons) to `--out`
 * as JSON, with CPU-time percentiles of `matchNeed` and of the build on stderr. Two snapshots
 * of the same size from two engine versions must be byte-identical.
 *
 *   tsx bench/engine-snapshot.ts --offers 60000 --out /tmp/a.json
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/server/modules/matching/matching.index.js';
import { generateCorpus } from './matching-engine.js';

const { values } = parseArgs({ options: { offers: { type: 'string', default: '60000' }, out: { type: 'string' } } });
const corpus = generateCorpus(Number(values.offers));
const engine = createEngine();
const c0 = process.cpuUsage();
for (const e of corpus.enterprises) engine.upsertEnterprise(e);
for (const o of corpus.offers) engine.upsertOffer(o);
const build = process.cpuUsage(c0);
const docs = corpus.enterprises.length + corpus.offers.length;
console.error(`build CPU ${((build.user + build.system) / 1e6).toFixed(1)} s, ${Math.round(docs / ((build.user + build.system) / 1e6))} docs/s`);
// Removals and replacements: tombstones on the hot path.
for (let i = 0; i < corpus.offers.length; i += 97) engine.removeOffer(corpus.offers[i].id);
for (let i = 5; i < corpus.offers.length; i += 131) engine.upsertOffer({ ...corpus.offers[i], title: `${corpus.offers[i].title}（更新）` });
const results: unknown[] = [];
const cpu: number[] = [];
for (const need of corpus.needs.slice(0, 20)) engine.matchNeed(need, 20);
for (const need of corpus.needs) {
  const t = process.cpuUsage();
  results.push(engine.matchNeed(need, 20));
  const d = process.cpuUsage(t);
  cpu.push((d.user + d.system) / 1000);
}
for (const need of corpus.needs.slice(0, 50)) results.push(engine.matchNeed({ ...need, ownerUscc: 'E7' }, 5));
cpu.sort((a, b) => a - b);
const p = (q: number) => cpu[Math.min(cpu.length - 1, Math.floor(q * cpu.length))].toFixed(2);
console.error(`matchNeed CPU p50 ${p(0.5)} p95 ${p(0.95)} sum ${cpu.reduce((s, x) => s + x, 0).toFixed(0)} ms`);
if (values.out) fs.writeFileSync(values.out, JSON.stringify(results));
