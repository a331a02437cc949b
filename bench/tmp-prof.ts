import { openStore } from '../src/server/db/store.js';
import { SupplyGraphHolder } from '../src/server/modules/chains/graph/holder.js';
import { supplyEdgeSource } from '../src/server/modules/chains/supply.graph-source.js';
import { getChain } from '../src/server/modules/chains/chains.service.js';
import * as repo from '../src/server/modules/chains/weak-links.repo.js';
import { SYSTEM_ACTOR } from '../src/server/platform/actor.js';
import { generate } from './chains-graph.js';
import { benchConfig, withTempDir } from './lib.js';

await withTempDir('prof', async (dir) => {
  const store = await openStore(benchConfig(dir), { poolMax: 4 });
  const data = await generate(store.db, 0.3, console.error);
  const holder = new SupplyGraphHolder(supplyEdgeSource(store.db));
  await holder.snapshot();
  const chain = data.chains[0];
  for (let k = 0; k < 3; k++) {
    let t = performance.now();
    const lap = (label: string) => { const now = performance.now(); console.log(label, Math.round(now - t)); t = now; };
    const view = await getChain(store.db, SYSTEM_ACTOR, chain.id); lap('getChain');
    const placed = await repo.selectPlaced(store.db, { id: chain.id, templateKey: chain.templateKey }); lap(`placed ${placed.length}`);
    await holder.snapshot(); lap('snapshot');
    const adj = await repo.selectAdjacent(store.db, view.segments.flatMap((s) => s.industryCodes)); lap(`adjacent ${adj.length}`);
    await repo.selectEnterprisesById(store.db, placed.slice(0, 100).map((p) => p.id)); lap('names');
  }
  await store.close();
});
