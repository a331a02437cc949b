/**
 * `npm run eval:matching`: relevance of the matching engine on the labelled set built from the
 * chain templates and the product knowledge base (src/server/modules/matching/engine/evaluation.ts;
 * how the set is built: data/SOURCES.md). Prints hit@5, NDCG@10 and MRR by split, need kind and
 * vocabulary gap; exits 1 when the held-out (test) split falls under `EVAL_FLOORS`.
 *
 *   tsx bench/eval-matching.ts [--split dev|test|all]
 *   (tune on `--split dev` only; the test split is for reporting)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chainTemplates } from '../src/server/modules/chains/chains.templates.js';
import { belowFloors, buildEvalSet, engineRanking, evaluate, loadEvalSet, reportTable, type EvalSet } from '../src/server/modules/matching/engine/evaluation.js';
import type { KbEntry } from '../src/server/modules/matching/engine/kb.js';
import { chainSegmentNumber, createEngine, PRODUCT_KB_FILE } from '../src/server/modules/matching/matching.index.js';
import { isMain } from './lib.js';

/** The labelled set from the shipped reference data. */
export function shippedEvalSet(): EvalSet {
  const kb = (JSON.parse(fs.readFileSync(PRODUCT_KB_FILE, 'utf8')) as { entries: KbEntry[] }).entries;
  return buildEvalSet([...chainTemplates().values()], kb);
}

/** An engine holding the set's enterprises and offers. */
export function evalEngine(set: EvalSet) {
  const engine = createEngine();
  loadEvalSet(engine, set, chainSegmentNumber);
  return engine;
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { split: { type: 'string', default: 'all' } } });
  const set = shippedEvalSet();
  const engine = evalEngine(set);
  const needs = values.split === 'all' ? set.needs : set.needs.filter((n) => n.split === values.split);
  const t0 = performance.now();
  const report = evaluate(needs, (need) => engineRanking(engine, need));
  console.log(`labelled set: ${set.enterprises.length} enterprises, ${set.offers.length} offers, ${set.needs.length} needs (${set.needs.filter((n) => n.split === 'test').length} held out); ${(performance.now() - t0).toFixed(0)} ms\n`);
  console.log(reportTable(report));
  const test = report.split.test?.overall;
  const failures = test ? belowFloors(test) : [];
  if (failures.length > 0) {
    console.error(`\nheld-out split under the floor: ${failures.join('; ')}`);
    process.exit(1);
  }
}
