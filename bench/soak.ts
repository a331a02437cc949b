/**
 * Soak (issue 9 item 3): a mixed read/write workload at a fixed rate against one started node
 * (`node bin/xieshou.mjs start` on a loopback port, embedded PostgreSQL, generated enterprises),
 * minute after minute. Per minute: requests, p50/p99 latency, errors, the node's RSS and the
 * number of PostgreSQL connections. Exits 1 when the RSS grows more than 20 % between minute 2
 * and the last minute (checked from 3 minutes on) or when more than 0.1 % of requests fail.
 *
 * The mix, per 10 requests: 5 enterprise detail reads (browse), 2 registry searches, 1 resource
 * list, 1 booking calendar read and 1 booking request (a write with its audit entry; every
 * booking takes the next free hour, so none collides).
 *
 * With `--nginx` the load goes through nginx running `deploy/nginx.conf` (TLS, `test/nginx.ts`) in
 * front of two nodes: the first as above, the second a `xieshou start` over the first one's
 * embedded PostgreSQL; RSS is then the first node's, CPU per request both nodes' and PostgreSQL's.
 *
 *   npm run bench:soak -- [--minutes 10] [--rate 100] [--connections 10] [--count 5000] [--nginx]
 *
 * Bounded: it stops by itself after `--minutes` and removes its temp data dir.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon, { type RawRequest } from 'autocannon';
import pg from 'pg';
import { runningEmbeddedUrl } from '../src/server/db/embedded.js';
import { startNginx, stopNginx, type Nginx } from '../test/nginx.js';
import { nodesDir, startNode, stopNodes, type AppNode } from '../test/nodes.js';
import { callJson } from './app-process.js';
import { formatNumber, freePort, isMain, loginToken, resultsTable, seedDataDir, spawnServer, stopServer, treeCpu, waitForHealthy, withTempDir, type BenchResult } from './lib.js';

export const SOAK_MAX_RSS_GROWTH = 0.2;
export const SOAK_MAX_ERROR_RATE = 0.001;
const MEMBER_PASSWORD = 'Soak-member-pass-1';

/** The request kind of each position in the mix of 10. */
const KIND_OF = ['book', 'search', 'search', 'resources', 'calendar', 'detail', 'detail', 'detail', 'detail', 'detail'] as const;

/** Refused requests of one minute by kind and status, with the first problem body of each. */
export type Refusals = Map<string, { count: number; sample: string }>;

/** `kind status ×count (sample)` lines of a minute's refusals, most frequent first. */
export function describeRefusals(refused: Refusals): string {
  return [...refused.entries()].sort((a, b) => b[1].count - a[1].count).map(([key, r]) => `${key} ×${r.count} (${r.sample.slice(0, 160)})`).join('; ');
}

export interface SoakOptions {
  minutes?: number;
  rate?: number;
  connections?: number;
  count?: number;
  /** Through nginx in front of two nodes. */
  isNginx?: boolean;
  log?: (message: string) => void;
}

/** One minute of the soak. */
export interface SoakMinute {
  minute: number;
  requests: number;
  p50: number;
  p99: number;
  failures: number;
  rssMb: number;
  pgConnections: number;
  cpuMsPerRequest: number | null;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** The verdicts on a finished soak: RSS growth from minute 2 to the last, and the error rate. */
export function judgeSoak(minutes: readonly SoakMinute[]): { rssGrowth: number | null; errorRate: number; isPass: boolean } {
  const total = minutes.reduce((n, m) => n + m.requests, 0);
  const failures = minutes.reduce((n, m) => n + m.failures, 0);
  const errorRate = total === 0 ? 1 : failures / total;
  const rssGrowth = minutes.length >= 3 ? minutes[minutes.length - 1].rssMb / minutes[1].rssMb - 1 : null;
  return { rssGrowth, errorRate, isPass: errorRate <= SOAK_MAX_ERROR_RATE && (rssGrowth === null || rssGrowth <= SOAK_MAX_RSS_GROWTH) };
}

/** Runs the soak; returns the per-minute figures and the results table rows. */
export async function runSoak(options: SoakOptions = {}): Promise<{ minutes: SoakMinute[]; results: BenchResult[]; isPass: boolean }> {
  const minutes = options.minutes ?? 10;
  const rate = options.rate ?? 100;
  const connections = options.connections ?? 10;
  const log = options.log ?? ((m: string) => console.error(m));
  return withTempDir('soak', async (dataDir) => {
    const seeded = await seedDataDir(dataDir, { count: options.count ?? 5000 });
    const server = spawnServer(dataDir, await freePort());
    const secondDir = options.isNginx ? nodesDir('soak-nginx') : undefined;
    const second: AppNode[] = [];
    let proxy: Nginx | undefined;
    try {
      await waitForHealthy(server, performance.now());
      if (secondDir) {
        second.push(await startNode(secondDir, 'b', runningEmbeddedUrl(dataDir)!));
        proxy = await startNginx([server.url, second[0].url]);
      }
      const pids = [server.child.pid!, ...second.map((node) => node.child.pid!)];
      const cpuOf = () => {
        const trees = pids.map(treeCpu);
        return trees.every((tree) => tree !== undefined) ? trees.reduce((ms, tree) => ms + tree!.selfMs + tree!.descendantsMs, 0) : undefined;
      };
      const admin = await loginToken(server.url, 'admin', seeded.adminPassword);
      const ownUscc = seeded.usccs[0];
      const created = await callJson(server.url, 'POST', '/api/v1/users', admin, { username: 'soak_member', password: MEMBER_PASSWORD, role: 'member', orgUscc: ownUscc });
      if (created.status !== 201) throw new Error(`creating the soak member: ${created.status} ${JSON.stringify(created.json)}`);
      const member = await loginToken(server.url, 'soak_member', MEMBER_PASSWORD);
      const resource = await callJson(server.url, 'POST', '/api/v1/resources', member, { title: '浸泡测试共享设备', kind: 'equipment', ownerUscc: ownUscc });
      if (resource.status !== 201) throw new Error(`creating the soak resource: ${resource.status} ${JSON.stringify(resource.json)}`);
      const resourceId: string = resource.json.id;
      const dbUrl = runningEmbeddedUrl(dataDir);
      const db = dbUrl ? new pg.Pool({ connectionString: dbUrl, max: 1 }) : undefined;

      const base = Date.parse('2028-01-01T00:00:00Z');
      let counter = 0;
      let bookingHour = 0;
      // Fresh header objects for every request: autocannon writes `Content-Length` into the headers
      // object of a request with a body, and a shared object then sent that header with the GETs
      // too (see the soak section of docs/PERFORMANCE.md: the cause of the 21 % failures).
      const adminHeaders = () => ({ authorization: `Bearer ${admin}` });
      const memberHeaders = () => ({ authorization: `Bearer ${member}` });
      const next = (request: RawRequest, context: Record<string, unknown>): RawRequest => {
        const i = counter++;
        context.kind = KIND_OF[i % 10];
        const uscc = seeded.usccs[(i * 7919) % seeded.usccs.length];
        switch (i % 10) {
          case 0: {
            const start = base + bookingHour++ * 3_600_000;
            const body = JSON.stringify({ uscc: ownUscc, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString(), purpose: 'soak' });
            return { ...request, method: 'POST', path: `/api/v1/resources/${resourceId}/bookings`, headers: { ...memberHeaders(), 'content-type': 'application/json' }, body };
          }
          case 1:
          case 2:
            return { ...request, method: 'GET', path: `/api/v1/enterprises?q=${encodeURIComponent(['精密', '科技', '电子', '苏州', '材料'][i % 5])}&limit=20`, headers: adminHeaders() };
          case 3:
            return { ...request, method: 'GET', path: '/api/v1/resources?limit=20', headers: memberHeaders() };
          case 4: {
            const from = new Date(base + Math.max(0, bookingHour - 48) * 3_600_000).toISOString();
            const to = new Date(base + (bookingHour + 1) * 3_600_000).toISOString();
            return { ...request, method: 'GET', path: `/api/v1/resources/${resourceId}/bookings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, headers: memberHeaders() };
          }
          default:
            return { ...request, method: 'GET', path: `/api/v1/enterprises/${uscc}`, headers: adminHeaders() };
        }
      };

      const figures: SoakMinute[] = [];
      log(`soak: ${minutes} min at ${rate} req/s, ${connections} connections, ${formatNumber(seeded.usccs.length)} enterprises${proxy ? ', through nginx in front of two nodes' : ''}`);
      for (let minute = 1; minute <= minutes; minute++) {
        const cpuBefore = cpuOf();
        const refused: Refusals = new Map();
        // The connection's context holds the kind of its request in flight (no pipelining).
        const onResponse = (status: number, body: string, context: Record<string, unknown>) => {
          if (status < 300) return;
          const key = `${String(context.kind ?? '?')} ${status}`;
          const entry = refused.get(key);
          if (entry) entry.count += 1;
          else refused.set(key, { count: 1, sample: body });
        };
        const result = await autocannon({ url: proxy?.url ?? server.url, connections, duration: 60, overallRate: rate, timeout: 10, requests: [{ setupRequest: next, onResponse }] });
        const cpuAfter = cpuOf();
        const pgConnections = db ? Number((await db.query<{ n: string }>(`select count(*) as n from pg_stat_activity where backend_type = 'client backend'`)).rows[0].n) - 1 : NaN;
        const failures = result.non2xx + result.errors + result.timeouts;
        const cpu = cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null;
        const row: SoakMinute = { minute, requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, failures, rssMb: rssMb(server.child.pid!), pgConnections, cpuMsPerRequest: cpu };
        figures.push(row);
        log(`  minute ${minute}: ${formatNumber(row.requests)} requests, p50 ${row.p50} ms, p99 ${row.p99} ms, ${failures} failed, RSS ${row.rssMb.toFixed(0)} MB, ${row.pgConnections} PostgreSQL connections${cpu === null ? '' : `, CPU ${cpu.toFixed(2)} ms/request (node + PostgreSQL)`}${result.errors + result.timeouts > 0 ? `; ${result.errors} connection errors, ${result.timeouts} timeouts` : ''}${refused.size > 0 ? `; non-2xx by kind and status: ${describeRefusals(refused)}` : ''}`);
      }
      await db?.end();
      const verdict = judgeSoak(figures);
      const results: BenchResult[] = figures.map((m) => ({
        metric: `soak minute ${m.minute}: requests · p50 / p99 · failed · RSS · PG connections · CPU/request`,
        target: 'p99 ≤ 200 ms',
        measured: `${formatNumber(m.requests)} · ${m.p50} / ${m.p99} ms · ${m.failures} · ${m.rssMb.toFixed(0)} MB · ${m.pgConnections} · ${m.cpuMsPerRequest === null ? '—' : `${m.cpuMsPerRequest.toFixed(2)} ms`}`,
        isPass: m.p99 <= 200,
      }));
      results.push(
        { metric: `soak: failed requests (${rate} req/s, ${minutes} min)`, target: `≤ ${SOAK_MAX_ERROR_RATE * 100} %`, measured: `${(verdict.errorRate * 100).toFixed(3)} %`, isPass: verdict.errorRate <= SOAK_MAX_ERROR_RATE },
        { metric: 'soak: RSS growth, minute 2 → last', target: `≤ ${SOAK_MAX_RSS_GROWTH * 100} %`, measured: verdict.rssGrowth === null ? 'n/a (fewer than 3 minutes)' : `${(verdict.rssGrowth * 100).toFixed(1)} %`, isPass: verdict.rssGrowth === null ? null : verdict.rssGrowth <= SOAK_MAX_RSS_GROWTH },
      );
      return { minutes: figures, results, isPass: verdict.isPass };
    } finally {
      await stopNginx(proxy);
      if (secondDir) await stopNodes(second, secondDir);
      await stopServer(server);
    }
  });
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { minutes: { type: 'string', default: '10' }, rate: { type: 'string', default: '100' }, connections: { type: 'string', default: '10' }, count: { type: 'string', default: '5000' }, nginx: { type: 'boolean', default: false } },
  });
  const outcome = await runSoak({ minutes: Number(values.minutes), rate: Number(values.rate), connections: Number(values.connections), count: Number(values.count), isNginx: values.nginx });
  console.log(resultsTable(outcome.results));
  process.exitCode = outcome.isPass ? 0 : 1;
}
