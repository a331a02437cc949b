import { RiskScoreSettings, type RiskKind, type RiskSeverity, type RiskStatus } from '../../../contracts/risk.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { getEnterprise } from '../enterprises/index.js';
import type { SupplyGraphSnapshot } from './graph/holder.js';
import { impactOf, suppliesOf, upstreamEnterpriseIds } from './risk.impact.js';
import { canEditScoreSettings } from './risk.policy.js';
import * as repo from './risk.repo.js';
import { DEFAULT_RISK_SCORE_SETTINGS, scoreRisk, type ScoreResult } from './risk.scoring.js';

/** Key of the settings row in `platform_settings`. */
export const RISK_SCORE_SETTINGS_KEY = 'risk_score';

/** Anything that hands out the current supply-graph snapshot (`SupplyGraphHolder`). */
export interface GraphSource {
  snapshot(): Promise<SupplyGraphSnapshot>;
}

/** What the risk services work on: the database and the live supply graph. */
export interface RiskDeps {
  db: Db;
  graph: GraphSource;
}

/**
 * The risk-score settings in force: the stored ones, or the defaults (⚠️ our judgement) when none
 * are stored or the stored ones no longer parse (a later version added a field).
 */
export async function getScoreSettings(db: Db): Promise<RiskScoreSettings> {
  const stored = await repo.selectSetting(db, RISK_SCORE_SETTINGS_KEY);
  const parsed = RiskScoreSettings.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_RISK_SCORE_SETTINGS;
}

/**
 * Replace the settings (validated by the contract, audited).
 * @throws forbidden for anyone but platform admins.
 */
export async function updateScoreSettings(db: Db, context: WriteContext, settings: RiskScoreSettings): Promise<RiskScoreSettings> {
  if (!canEditScoreSettings(context.actor)) {
    throw new AppError('forbidden', 'Only platform admins edit the risk score settings', { userMessage: '仅平台管理员可以修改风险评分设置' });
  }
  const before = await getScoreSettings(db);
  await db.transaction().execute(async (tx) => {
    await repo.upsertSetting(tx, RISK_SCORE_SETTINGS_KEY, settings);
    await recordWrites(tx, context, [{ action: 'risk_score_settings.update', entityType: 'platform_setting', entityKey: RISK_SCORE_SETTINGS_KEY, regionCode: null, before, after: settings }]);
  });
  return settings;
}

/** The score of one enterprise with the facts it rests on. */
export interface RiskScoreView extends ScoreResult {
  uscc: string;
  name: string;
  computedAt: Date;
}

/** Most upstream events followed for one score (newest first). */
const UPSTREAM_EVENTS_MAX = 100;

/**
 * The composite risk score of an enterprise (see risk.scoring.ts), computed now over the edges
 * the caller may see.
 * @throws not_found when the enterprise does not exist or lies outside the caller's scope (as the registry).
 */
export async function getRiskScore({ db, graph }: RiskDeps, actor: Actor, uscc: string): Promise<RiskScoreView> {
  const { record } = await getEnterprise(db, actor, uscc);
  const settings = await getScoreSettings(db);
  const now = new Date();
  const since = new Date(now.getTime() - settings.windowDays * 86_400_000);
  const snap = await graph.snapshot();
  const upstreamIds = upstreamEnterpriseIds(snap, record.id, settings.propagation.maxTiers, actor);
  const [ownAndUpstream, elsewhere] = await Promise.all([
    repo.selectEventsOnEnterprises(db, [record.id, ...upstreamIds], since),
    repo.selectOpenNonEnterpriseEvents(db, since, UPSTREAM_EVENTS_MAX),
  ]);
  const own = ownAndUpstream.filter((e) => e.enterpriseId === record.id);
  const upstreamEvents = [...ownAndUpstream.filter((e) => e.enterpriseId !== record.id && (e.status === 'potential' || e.status === 'confirmed')), ...elsewhere].slice(0, UPSTREAM_EVENTS_MAX);
  const node = snap.nodeOfEnterprise(record.id);
  const upstream: { title: string; exposure: number; tier: number }[] = [];
  if (node !== undefined) {
    for (const event of upstreamEvents) {
      const { result } = impactOf(snap, event, settings, { viewer: actor });
      const i = result.nodes.indexOf(node);
      if (i >= 0) {
        upstream.push({ title: event.title, exposure: result.exposures[i], tier: result.tiers[i] });
      }
    }
  }
  const result = scoreRisk(
    {
      ownEvents: own.map((e) => ({ kind: e.kind as RiskKind, severity: e.severity as RiskSeverity, status: e.status as RiskStatus, occurredAt: e.occurredAt, title: e.title })),
      upstream,
      supply: suppliesOf(snap, record.id, actor),
      now,
    },
    settings,
  );
  return { ...result, uscc: record.uscc, name: record.name, computedAt: now };
}
