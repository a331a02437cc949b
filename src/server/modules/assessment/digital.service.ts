/**
 * SME digital-transformation level (DC-2): questionnaires saved and resumed as drafts, submitted
 * ones scored and kept as the enterprise's history (T0, T1 … with deltas), shared with chosen
 * buyers, counted in regional statistics; every result ends in next steps on the platform.
 */
import { sql } from 'kysely';
import type { CreateDigitalAssessmentBody, DigitalAssessmentView, DigitalFormView, DigitalStats, NextStep } from '../../../contracts/assessment.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, invalid, notFound } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { findRegion, regionPrefix, REGION_ROOT } from '../../platform/regions.js';
import { isInRegionScope } from '../../platform/scope.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { DIGITAL_FORMS, findDigitalForm, LEVEL_BANDS, SCENARIO_LEVELS, SCENARIO_RULE_KEY, type DigitalForm } from './digital.forms.js';
import { selectSettings } from './gradient.repo.js';
import { LEVEL_NAMES, scoreAnswers, validateAnswers, type DigitalAnswers } from './digital.scoring.js';
import { restrictedEnterprise } from './gradient.service.js';
import type { EnterpriseBasics } from './gradient.repo.js';
import { loadListings, stepsForGap } from './actions.service.js';
import { DEFAULT_DIGITAL_THEME, DIGITAL_THEMES } from './actions.themes.js';

export const DIGITAL_ENTITY = 'digital_assessment';
/** A dimension below this share of its weight gets next steps. */
export const WEAK_DIMENSION_PERCENT = 60;

/** Whether the (⚠️) scenario requirement of the level rule applies: on unless an administrator switched it off. */
export async function scenarioRuleApplies(db: Db | Tx): Promise<boolean> {
  return !(await selectSettings(db)).includes(SCENARIO_RULE_KEY);
}

/** The questionnaires as the API shows them. */
export async function listDigitalForms(db: Db): Promise<DigitalFormView[]> {
  const scenarioRuleApplied = await scenarioRuleApplies(db);
  return DIGITAL_FORMS.map((f) => ({
    scenarios: f.scenarios.map((x) => ({ key: x.key, name: x.name, isBinding: x.isBinding })),
    scenarioLevels: SCENARIO_LEVELS.map((o) => ({ value: o.value, label: o.label })),
    scenarioRule: f.scenarioRule.map((r) => ({ ...r })),
    scenarioRuleApplied,
    key: f.key, name: f.name, version: f.version, sectors: f.sectors, status: f.status, note: f.note,
    dimensions: f.dimensions.map((d) => ({ key: d.key, name: d.name, weight: d.weight, status: d.status })),
    questions: f.questions.map((q) => ({ key: q.key, dimension: q.dimension, text: q.text, points: q.points, kind: q.kind, status: q.status, options: q.options.map((o) => ({ value: o.value, label: o.label })) })),
  }));
}

/**
 * Next steps for a scored questionnaire: per weak dimension (weakest first) the guidance and the
 * best catalogue solutions for the enterprise's sector; the scenarios to raise when they, not the
 * score, hold the level back; and the gradient link when the level
 * costs points in the 专精特新 score (三级 needed for full marks).
 */
export async function nextStepsFor(db: Db, form: DigitalForm, result: ReturnType<typeof scoreAnswers>, enterprise: Pick<EnterpriseBasics, 'id' | 'uscc' | 'industryCode'>, answers: DigitalAnswers = {}): Promise<NextStep[]> {
  const steps: NextStep[] = [];
  const sorted = [...result.dimensions].sort((a, b) => a.percent - b.percent);
  const weak = sorted.filter((d) => d.percent < WEAK_DIMENSION_PERCENT);
  // No weak dimension below 四级: the weakest one is still where the next level comes from.
  if (weak.length === 0 && result.level < 4 && sorted.length > 0) weak.push(sorted[0]);
  const gaps = weak.map((d) => ({
    key: d.key, label: `${d.name}（${d.score}/${d.weight}）`, dimension: d.key, current: `当前 ${d.score}/${d.weight}`,
    theme: { ...(DIGITAL_THEMES[d.key] ?? DEFAULT_DIGITAL_THEME), title: d.name, advice: form.dimensions.find((x) => x.key === d.key)!.advice },
  }));
  const listings = await loadListings(db, enterprise, gaps.flatMap((g) => g.theme.kinds));
  for (const gap of gaps) {
    steps.push({ dimension: gap.key, kind: 'guide', title: `提升${gap.theme.title}（${gap.current}）`, detail: gap.theme.advice, link: null });
    steps.push(...stepsForGap(gap, listings));
  }
  const check = result.scenarioCheck;
  if (check.applied && result.level < check.scoreLevel) {
    const target = result.level + 1;
    const need = check.byLevel.find((b) => b.level === target)!;
    const below = form.scenarios.filter((s) => Number(String(answers[s.key] ?? 'l0').slice(1)) < target);
    const binding = below.filter((s) => s.isBinding).map((s) => s.name);
    steps.push({
      dimension: 'scenarios', kind: 'guide',
      title: `总分已达${LEVEL_NAMES[check.scoreLevel]}，应用场景不足：${LEVEL_NAMES[target]}需至少${need.minScenarios}个场景（其中约束性${need.minBinding}个）达到${LEVEL_NAMES[target]}`,
      detail: `当前达到${LEVEL_NAMES[target]}的场景 ${need.scenarios} 个（约束性 ${need.binding} 个）。${binding.length > 0 ? `可优先提升的约束性场景：${binding.join('、')}。` : ''}`,
      link: null,
    });
  }
  const band = LEVEL_BANDS.find((b) => b.level === result.level + 1);
  if (band) {
    const need = check.byLevel.find((b) => b.level === band.level);
    const gap = Math.round((band.min - result.score) * 100) / 100;
    steps.unshift({
      dimension: null, kind: 'guide',
      title: `迈向${band.name}：总分需≥${band.min}${gap > 0 ? `（还差 ${gap} 分）` : '（已达到）'}${check.applied && need ? `，且至少${need.minScenarios}个应用场景（其中约束性${need.minBinding}个）达到${band.name}（现有 ${need.scenarios} 个，约束性 ${need.binding} 个）` : ''}`,
      detail: '定级规则见问卷说明；场景要求来自第三方实现（⚠️），平台管理员可关闭。',
      link: null,
    });
  }
  if (result.level < 3) {
    steps.push({ dimension: null, kind: 'gradient', title: '数字化水平达到三级可在专精特新评分中得满分（5分）', detail: `当前${result.levelName}；二级得3分，一级得0分。`, link: `/assessment/gradient/${enterprise.uscc}?step=2` });
  }
  return steps;
}

interface Row {
  id: string; enterprise_id: string; form: string; status: string; answers: Record<string, string | string[]>; shared_with: string[]; submitted_at: Date | null; updated_at: Date;
}

async function present(db: Db, row: Row, enterprise: EnterpriseBasics, history?: { round: number; previous: Row | undefined }): Promise<DigitalAssessmentView> {
  const form = findDigitalForm(row.form)!;
  const options = { applyScenarioRule: await scenarioRuleApplies(db) };
  const result = scoreAnswers(form, row.answers, options);
  const previous = history?.previous ? scoreAnswers(findDigitalForm(history.previous.form) ?? form, history.previous.answers, options) : undefined;
  const shared = row.shared_with.length > 0 ? await db.selectFrom('enterprises').select(['uscc', 'name']).where('id', 'in', row.shared_with).execute() : [];
  return {
    id: row.id, uscc: enterprise.uscc, enterpriseName: enterprise.name, form: row.form, status: row.status as 'draft' | 'submitted', answers: row.answers,
    score: result.score, level: result.level, levelName: result.levelName, scenarioCheck: result.scenarioCheck,
    dimensions: result.dimensions.map((d) => ({ ...d, delta: previous ? Math.round((d.score - (previous.dimensions.find((p) => p.key === d.key)?.score ?? 0)) * 100) / 100 : null })),
    missing: result.missing, nextSteps: await nextStepsFor(db, form, result, enterprise, row.answers), sharedWith: shared,
    submittedAt: row.submitted_at?.toISOString() ?? null, updatedAt: row.updated_at.toISOString(),
    round: history?.round ?? null, scoreDelta: previous ? Math.round((result.score - previous.score) * 100) / 100 : null,
  };
}

const COLUMNS = ['id', 'enterprise_id', 'form', 'status', 'answers', 'shared_with', 'submitted_at', 'updated_at'] as const;

function canWrite(actor: Actor, enterprise: EnterpriseBasics): boolean {
  return actor.role === 'platform_admin' || actor.role === 'gov' || (actor.role === 'member' && actor.orgUscc === enterprise.uscc);
}

/** Submitted assessments of an enterprise, oldest first (T0, T1 …). */
async function submittedOf(db: Db, enterpriseId: string): Promise<Row[]> {
  return (await db.selectFrom('digital_assessments').select(COLUMNS).where('enterprise_id', '=', enterpriseId).where('status', '=', 'submitted').orderBy('submitted_at').orderBy('id').execute()) as Row[];
}

/**
 * Save a draft (`isDraft`, partial answers) or submit a questionnaire (scored, kept in the history).
 * @throws not_found outside scope; forbidden for experts; validation_failed naming `form` or `answers.<question>`.
 */
export async function createDigitalAssessment(db: Db, context: WriteContext, uscc: string, body: CreateDigitalAssessmentBody): Promise<DigitalAssessmentView> {
  const enterprise = await restrictedEnterprise(db, context.actor, uscc);
  if (!canWrite(context.actor, enterprise)) throw new AppError('forbidden', 'May not assess this enterprise', { userMessage: '无权为该企业填报' });
  const form = findDigitalForm(body.form);
  if (!form) throw invalid([{ path: 'form', message: `未知的问卷 ${body.form}，可选：${DIGITAL_FORMS.map((f) => f.key).join(', ')}` }]);
  const errors = validateAnswers(form, body.answers);
  if (errors.length > 0) throw invalid(errors);
  const answers = JSON.stringify(body.answers as DigitalAnswers);
  const userId = context.actor.userId === '0' ? null : context.actor.userId;
  const id = await db.transaction().execute(async (tx) => {
    const draft = await tx.selectFrom('digital_assessments').select('id').where('enterprise_id', '=', enterprise.id).where('form', '=', form.key).where('status', '=', 'draft').executeTakeFirst();
    let rowId: string;
    if (body.isDraft) {
      rowId = draft
        ? (await tx.updateTable('digital_assessments').set({ answers, updated_at: sql`now()` }).where('id', '=', draft.id).returning('id').executeTakeFirstOrThrow()).id
        : (await tx.insertInto('digital_assessments').values({ enterprise_id: enterprise.id, region_code: enterprise.regionCode, form: form.key, answers, created_by: userId }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const result = scoreAnswers(form, body.answers, { applyScenarioRule: await scenarioRuleApplies(tx) });
      const values = { answers, status: 'submitted', score: result.score, level: result.level, dimensions: JSON.stringify(result.dimensions), submitted_at: sql<Date>`now()`, updated_at: sql<Date>`now()` };
      rowId = draft
        ? (await tx.updateTable('digital_assessments').set(values).where('id', '=', draft.id).returning('id').executeTakeFirstOrThrow()).id
        : (await tx.insertInto('digital_assessments').values({ enterprise_id: enterprise.id, region_code: enterprise.regionCode, form: form.key, created_by: userId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await recordWrites(tx, context, [{ action: body.isDraft ? 'digital_assessment.save_draft' : 'digital_assessment.submit', entityType: DIGITAL_ENTITY, entityKey: rowId, regionCode: enterprise.regionCode, after: { uscc: enterprise.uscc, form: form.key, answers: body.answers } }]);
    return rowId;
  });
  return getDigitalAssessment(db, context.actor, id);
}

/** The enterprise's open draft of a form, if any. @throws not_found outside scope. */
export async function findDraft(db: Db, actor: Actor, uscc: string, formKey: string): Promise<DigitalAssessmentView | null> {
  const enterprise = await restrictedEnterprise(db, actor, uscc);
  const row = await db.selectFrom('digital_assessments').select(COLUMNS).where('enterprise_id', '=', enterprise.id).where('form', '=', formKey).where('status', '=', 'draft').executeTakeFirst();
  return row ? present(db, row as Row, enterprise) : null;
}

/** The history (T0, T1 …) with deltas, newest first. @throws not_found outside scope. */
export async function listDigitalAssessments(db: Db, actor: Actor, uscc: string): Promise<DigitalAssessmentView[]> {
  const enterprise = await restrictedEnterprise(db, actor, uscc);
  const rows = await submittedOf(db, enterprise.id);
  const views = await Promise.all(rows.map((r, i) => present(db, r, enterprise, { round: i, previous: rows[i - 1] })));
  return views.reverse();
}

/**
 * One assessment: for the enterprise's members, gov users in scope, admins, and members of the
 * buyers it is shared with (submitted ones only). @throws not_found otherwise.
 */
export async function getDigitalAssessment(db: Db, actor: Actor, id: string): Promise<DigitalAssessmentView> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('评测');
  const row = (await db.selectFrom('digital_assessments').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound('评测');
  const owner = await db.selectFrom('enterprises').select(['uscc']).where('id', '=', row.enterprise_id).executeTakeFirstOrThrow();
  let enterprise: EnterpriseBasics;
  try {
    enterprise = await restrictedEnterprise(db, actor, owner.uscc);
  } catch (err) {
    const viewer = actor.role === 'member' && actor.orgUscc ? await db.selectFrom('enterprises').select('id').where('uscc', '=', actor.orgUscc).executeTakeFirst() : undefined;
    if (!viewer || row.status !== 'submitted' || !row.shared_with.includes(viewer.id)) throw err;
    const e = await db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code', 'industry_code', 'size', 'tags']).where('id', '=', row.enterprise_id).executeTakeFirstOrThrow();
    enterprise = { id: e.id, uscc: e.uscc, name: e.name, regionCode: e.region_code, industryCode: e.industry_code, size: e.size, tags: e.tags, certifications: [] };
  }
  if (row.status !== 'submitted') return present(db, row, enterprise);
  const rows = await submittedOf(db, row.enterprise_id);
  const index = rows.findIndex((r) => r.id === row.id);
  return present(db, row, enterprise, { round: index, previous: rows[index - 1] });
}

/**
 * Share a submitted result with chosen buyers (replaces the list).
 * @throws not_found outside scope; forbidden unless the owner's member, gov or admin; invalid_state for a draft;
 * validation_failed naming `buyerUsccs.<i>` for unknown enterprises.
 */
export async function shareDigitalAssessment(db: Db, context: WriteContext, id: string, buyerUsccs: readonly string[]): Promise<DigitalAssessmentView> {
  const current = await getDigitalAssessment(db, context.actor, id);
  const enterprise = await restrictedEnterprise(db, context.actor, current.uscc);
  if (!canWrite(context.actor, enterprise)) throw new AppError('forbidden', 'May not share', { userMessage: '无权共享该评测结果' });
  if (current.status !== 'submitted') throw new AppError('invalid_state', 'Only submitted assessments can be shared', { userMessage: '只有已提交的评测可以共享' });
  const wanted = buyerUsccs.map((u) => u.toUpperCase());
  const found = wanted.length > 0 ? await db.selectFrom('enterprises').select(['id', 'uscc']).where('uscc', 'in', wanted).execute() : [];
  const errors = wanted.map((u, i) => ({ u, i })).filter(({ u }) => !found.some((f) => f.uscc === u) || u === enterprise.uscc).map(({ u, i }) => ({ path: `buyerUsccs.${i}`, message: `企业 ${u} 不存在或是本企业` }));
  if (errors.length > 0) throw invalid(errors);
  const ids = [...new Set(found.map((f) => f.id))];
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('digital_assessments').set({ shared_with: ids, updated_at: sql`now()` }).where('id', '=', id).execute();
    await recordWrites(tx, context, [{ action: 'digital_assessment.share', entityType: DIGITAL_ENTITY, entityKey: id, regionCode: enterprise.regionCode, before: { sharedWith: current.sharedWith.map((s) => s.uscc) }, after: { sharedWith: wanted } }]);
  });
  return getDigitalAssessment(db, context.actor, id);
}

/** Results other enterprises shared with the member's enterprise, newest first. */
export async function listSharedWithMe(db: Db, actor: Actor): Promise<DigitalAssessmentView[]> {
  if (actor.role !== 'member' || !actor.orgUscc) return [];
  const viewer = await db.selectFrom('enterprises').select('id').where('uscc', '=', actor.orgUscc).executeTakeFirst();
  if (!viewer) return [];
  const rows = await db.selectFrom('digital_assessments').select('id').where('status', '=', 'submitted').where(sql<boolean>`shared_with @> ARRAY[${viewer.id}]::bigint[]`).orderBy('id', 'desc').limit(100).execute();
  return Promise.all(rows.map((r) => getDigitalAssessment(db, actor, r.id)));
}
