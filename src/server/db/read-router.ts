import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import { AppError } from '../errors.js';
import type { Db } from './database.js';

/**
 * Which database a staleness-tolerant read runs on: the streaming replica (`DATABASE_READ_URL`)
 * or the primary (ADR 0033). One seam, used by the heavy read endpoints (dashboard, registry list
 * and export, chain maps): `reads.run(request, (db) => …)`. Everything else reads the primary.
 *
 * The replica is read from only while all of these hold:
 * - it answered the last poll (every {@link POLL_MS}) and is in recovery (a promoted ex-replica
 *   is a diverging database, never read from);
 * - its replay lag is at most `maxLagMs`: the lag is measured against samples of the primary's
 *   WAL insert position taken at each poll (the replica is behind a sample taken at t → lag ≥ now − t);
 * - read-your-writes: the caller's last write (its WAL position, noted after the write answered,
 *   kept `maxLagMs` + 2 s by user on this process, and handed to the client as the `x-xieshou-lsn`
 *   header and the `xs_lsn` cookie, which other nodes and workers honour) has been replayed.
 * A read that fails on the replica for any reason but a business error is run again on the
 * primary, and the replica counts as down until the next poll: a replica that is down costs a
 * log line and a metric, never a 500.
 */

/** Response header with the WAL position of the caller's write; send it back on reads to read that write. */
export const LSN_HEADER = 'x-xieshou-lsn';
/** The same position as a cookie, so that the web app's reads honour it on every node. */
export const LSN_COOKIE = 'xs_lsn';
/** How often the replica's replay position and the primary's WAL position are sampled. */
export const POLL_MS = 250;

const NOT_POLLED = 'not polled yet';

/** Why a routed read went where it went (the `reason` label of `xieshou_db_routed_reads_total`). */
type Reason = 'replica' | 'read_your_writes' | 'replica_down' | 'replica_lagging' | 'replica_error';

const routedReads = new client.Counter({ name: 'xieshou_db_routed_reads_total', help: 'Staleness-tolerant reads by the database that served them (replica | primary) and why (ADR 0033)', labelNames: ['target', 'reason'], registers: [] });
const replicaUp = new client.Gauge({ name: 'xieshou_db_replica_up', help: '1 while the read replica answers and is in recovery, else 0', registers: [] });
const replicaLag = new client.Gauge({ name: 'xieshou_db_replica_lag_seconds', help: 'Replay lag of the read replica, measured against sampled primary WAL positions', registers: [] });
/** The router's metrics, for the app's registry. */
export const READ_ROUTING_METRICS: client.Metric[] = [routedReads, replicaUp, replicaLag];

/** `'16/B374D848'` → a comparable number; undefined when it is not an LSN. */
export function parseLsn(text: string | undefined): bigint | undefined {
  const m = text ? /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim()) : null;
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : undefined;
}

/** A sample of the primary's WAL position. */
export interface LsnSample {
  lsn: bigint;
  at: number;
}

/**
 * Replay lag in ms: the age of the oldest sample the replica has not replayed yet (0 when it has
 * replayed them all). `samples` are in time order.
 */
export function lagOf(samples: readonly LsnSample[], replayed: bigint, now: number): number {
  const behind = samples.find((s) => s.lsn > replayed);
  return behind ? now - behind.at : 0;
}

/** The decision for one read, from the replica's state and the caller's last write. */
export function chooseTarget(state: { isUp: boolean; lagMs: number; replayed: bigint }, maxLagMs: number, mustSee: bigint | undefined): Reason {
  if (!state.isUp) return 'replica_down';
  if (state.lagMs > maxLagMs) return 'replica_lagging';
  if (mustSee !== undefined && mustSee > state.replayed) return 'read_your_writes';
  return 'replica';
}

export interface ReadRouterOptions {
  primary: Db;
  replica?: Db;
  maxLagMs: number;
  /** Where fallbacks are logged (a line per change of the replica's state, and per failed read). */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

export class ReadRouter {
  private readonly primary: Db;
  private readonly replica: Db | undefined;
  private readonly maxLagMs: number;
  private readonly log: (message: string, fields: Record<string, unknown>) => void;
  private readonly writes = new Map<string, { lsn: bigint; until: number }>();
  private samples: LsnSample[] = [];
  private state = { isUp: false, lagMs: 0, replayed: 0n };
  private lastProblem: string | undefined = NOT_POLLED;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(options: ReadRouterOptions) {
    this.primary = options.primary;
    this.replica = options.replica;
    this.maxLagMs = options.maxLagMs;
    this.log = options.log ?? (() => {});
    if (this.replica) {
      this.polling = this.poll();
      this.timer = setInterval(() => {
        this.polling ??= this.poll();
      }, POLL_MS);
      this.timer.unref();
    }
  }

  /** Whether a replica is configured (else every read goes to the primary at no cost). */
  get hasReplica(): boolean {
    return this.replica !== undefined;
  }

  /** Stop polling (the pools are the store's to close). */
  stop(): void {
    clearInterval(this.timer);
  }

  /** The database for one staleness-tolerant read of `request` (for streams; prefer {@link run}). */
  db(request: FastifyRequest): Db {
    if (!this.replica) return this.primary;
    const reason = chooseTarget(this.state, this.maxLagMs, this.mustSee(request));
    routedReads.labels(reason === 'replica' ? 'replica' : 'primary', reason).inc();
    return reason === 'replica' ? this.replica : this.primary;
  }

  /** Run a staleness-tolerant read on the database {@link db} picks; again on the primary if the replica fails it. */
  async run<T>(request: FastifyRequest, read: (db: Db) => Promise<T>): Promise<T> {
    const db = this.db(request);
    if (db === this.primary) return read(db);
    try {
      return await read(db);
    } catch (err) {
      if (err instanceof AppError) throw err;
      this.markDown(`read failed: ${(err as Error).message}`);
      routedReads.labels('primary', 'replica_error').inc();
      this.log('read replica failed a read; running it on the primary', { route: request.routeOptions.url, err: (err as Error).message });
      return read(this.primary);
    }
  }

  /**
   * After a write answered (onSend): note the primary's WAL position for the writer, and hand it
   * to the client. The position is taken after the write's transaction committed, so it covers it.
   */
  async noteWrite(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const userId = request.actor?.userId;
    if (!this.replica || !userId || reply.statusCode >= 400 || request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    let text: string;
    try {
      text = (await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(this.primary)).rows[0].lsn;
    } catch {
      // Not knowing the position: the writer reads the primary for the whole window.
      text = 'FFFFFFFF/FFFFFFFF';
    }
    const lsn = parseLsn(text)!;
    const ttlMs = this.maxLagMs + 2_000;
    if (this.writes.size >= 100_000) this.writes.clear();
    const previous = this.writes.get(userId);
    this.writes.set(userId, { lsn: previous && previous.lsn > lsn ? previous.lsn : lsn, until: Date.now() + ttlMs });
    reply.header(LSN_HEADER, text);
    reply.setCookie(LSN_COOKIE, text, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: Math.ceil(ttlMs / 1000) });
  }

  /** The newest write position the caller must see: noted here, or sent back by the client. */
  private mustSee(request: FastifyRequest): bigint | undefined {
    let lsn: bigint | undefined;
    const userId = request.actor?.userId;
    const noted = userId ? this.writes.get(userId) : undefined;
    if (noted) {
      if (noted.until > Date.now()) lsn = noted.lsn;
      else this.writes.delete(userId!);
    }
    const header = request.headers[LSN_HEADER];
    for (const sent of [typeof header === 'string' ? header : undefined, request.cookies?.[LSN_COOKIE]]) {
      const value = parseLsn(sent);
      if (value !== undefined && (lsn === undefined || value > lsn)) lsn = value;
    }
    return lsn;
  }

  private markDown(problem: string): void {
    if (this.state.isUp || this.lastProblem === NOT_POLLED) this.log('read replica unusable; reads go to the primary', { problem });
    this.state = { ...this.state, isUp: false };
    this.lastProblem = problem;
    replicaUp.set(0);
  }

  private async poll(): Promise<void> {
    try {
      const now = Date.now();
      const [primary, replica] = await Promise.all([
        sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(this.primary).then((r) => r.rows[0], () => undefined),
        sql<{ lsn: string | null; recovering: boolean }>`select pg_last_wal_replay_lsn()::text as lsn, pg_is_in_recovery() as recovering`.execute(this.replica!).then((r) => r.rows[0], (err: Error) => err),
      ]);
      const windowMs = this.maxLagMs + 1_000;
      if (primary) this.samples.push({ lsn: parseLsn(primary.lsn)!, at: now });
      while (this.samples.length > 1 && this.samples[0].at < now - windowMs) this.samples.shift();
      if (replica instanceof Error) return this.markDown(`unreachable: ${replica.message}`);
      if (!replica.recovering || replica.lsn === null) return this.markDown('not in recovery (a primary, or promoted): not a replica to read from');
      const replayed = parseLsn(replica.lsn)!;
      const lagMs = lagOf(this.samples, replayed, now);
      const isLagging = lagMs > this.maxLagMs;
      if (!this.state.isUp || isLagging !== this.state.lagMs > this.maxLagMs) {
        this.log(isLagging ? 'read replica lagging; reads go to the primary' : 'read replica in use', { lagMs, previously: this.state.isUp ? undefined : this.lastProblem });
      }
      this.state = { isUp: true, lagMs, replayed };
      this.lastProblem = undefined;
      replicaUp.set(1);
      replicaLag.set(lagMs / 1000);
    } finally {
      this.polling = undefined;
    }
  }
}
