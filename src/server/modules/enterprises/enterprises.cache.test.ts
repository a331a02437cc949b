import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../../test/support.js';
import { makeActor, makeEnterprise } from '../../../../test/factories.js';
import { ChangeFeed } from '../../db/change-feed.js';
import type { Db } from '../../db/database.js';
import { EnterpriseCache } from './enterprises.cache.js';
import { followEnterpriseChanges, getEnterprise, updateEnterprise } from './index.js';

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDb());
});

const entry = (uscc: string) => ({ uscc, regionCode: '320505' }) as never;

describe(EnterpriseCache.name, () => {
  it('does not keep a row read before a write that evicted it', () => {
    const cache = new EnterpriseCache(10);
    const token = cache.begin('A');
    cache.evict(['A']); // a write committed while the read was in flight
    cache.set('A', entry('A'), token);
    expect(cache.get('A')).toBeUndefined();
    cache.set('A', entry('A'), cache.begin('A'));
    expect(cache.get('A')).toBeDefined();
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new EnterpriseCache(2);
    cache.set('A', entry('A'), cache.begin('A'));
    cache.set('B', entry('B'), cache.begin('B'));
    cache.get('A');
    cache.set('C', entry('C'), cache.begin('C'));
    expect([cache.get('A'), cache.get('B'), cache.get('C')].map(Boolean)).toEqual([true, false, true]);
  });
});

describe('enterprise detail cache', () => {
  it('applies the reader’s scope on a cache hit', async () => {
    const e = await makeEnterprise(db, { regionCode: '320506' });
    const suzhou = await makeActor(db, { role: 'gov', regionCode: '320500' });
    const wuxi = await makeActor(db, { role: 'gov', regionCode: '320200' });
    expect((await getEnterprise(db, suzhou, e.uscc)).record.uscc).toBe(e.uscc); // now cached
    await expect(getEnterprise(db, wuxi, e.uscc)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows this process’s writes at once and other processes’ writes after the change feed', async () => {
    const e = await makeEnterprise(db, { regionCode: '320505', capabilities: '旧能力' });
    const gov = await makeActor(db, { role: 'gov', regionCode: '320500' });
    expect((await getEnterprise(db, gov, e.uscc)).record.capabilities).toBe('旧能力');
    await updateEnterprise(db, { actor: gov }, e.uscc, { capabilities: '本进程修改' });
    expect((await getEnterprise(db, gov, e.uscc)).record.capabilities).toBe('本进程修改');

    const feed = new ChangeFeed(db, 60_000);
    followEnterpriseChanges(feed, db);
    await feed.start();
    // Another node writes: the row and its change_log entry, nothing in this process.
    await sql`update enterprises set capabilities = '另一节点修改' where uscc = ${e.uscc}`.execute(db);
    await sql`insert into change_log (entity_type, entity_key, op) values ('enterprise', ${e.uscc}, 'update')`.execute(db);
    expect(await feed.poll()).toBeGreaterThan(0);
    expect((await getEnterprise(db, gov, e.uscc)).record.capabilities).toBe('另一节点修改');
    feed.stop();
  });
});
