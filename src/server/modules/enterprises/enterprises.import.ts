import { ENTERPRISE_TAGS, IMPORT_COLUMNS, IMPORT_MAX_ROWS, NAME_MAX, TAG_LABELS, type EnterpriseTag, type ImportColumnKey, type ImportDecision, type ImportError, type ImportReport } from '../../../contracts/enterprises.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { lastBusinessYear } from '../../platform/dates.js';
import { wanToFen } from '../../platform/money.js';
import { nameInitials, normaliseName } from '../../platform/text.js';
import { recordWrites, type WriteContext, type WriteRecord } from '../audit/index.js';
import { canImport, canRegisterIn } from './enterprises.policy.js';
import * as repo from './enterprises.repo.js';
import { checkCodes, deriveSize, evictEnterprises } from './enterprises.service.js';
import { readSheet, type Sheet } from './enterprises.sheet.js';

/** A data row that passed validation. `row` is the spreadsheet row number (header = 1). */
interface ParsedRow {
  row: number;
  uscc: string;
  name: string;
  regionCode: string;
  industryCode: string;
  employees?: number;
  revenue?: number;
  assets?: number;
  products: string[];
  capabilities?: string;
  tags: EnterpriseTag[];
}

/** Progress of a long import: phase and rows done. */
export type ImportProgress = (phase: 'read' | 'validate' | 'write', done: number, total: number) => void;

function headerKey(cell: string): string {
  return cell.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Column index of each known column, by Chinese or English header. */
export function mapHeader(header: string[]): { index: Partial<Record<ImportColumnKey, number>>; missing: ImportColumnKey[] } {
  const byName = new Map<string, ImportColumnKey>();
  for (const c of IMPORT_COLUMNS) {
    byName.set(headerKey(c.zh), c.key);
    byName.set(headerKey(c.en), c.key);
    byName.set(headerKey(c.zh.replace(/\(.*\)$/, '')), c.key); // 营业收入 without the unit
  }
  const index: Partial<Record<ImportColumnKey, number>> = {};
  header.forEach((cell, i) => {
    const key = byName.get(headerKey(cell));
    if (key && index[key] === undefined) {
      index[key] = i;
    }
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && index[c.key] === undefined).map((c) => c.key);
  return { index, missing };
}

const TAG_ALIASES = new Map<string, EnterpriseTag>([
  ...ENTERPRISE_TAGS.map((t) => [t, t] as [string, EnterpriseTag]),
  ...ENTERPRISE_TAGS.map((t) => [headerKey(TAG_LABELS[t]), t] as [string, EnterpriseTag]),
  ['创新型', 'innovative'], ['专精特新', 'specialized'], ['小巨人', 'little_giant'], ['专精特新小巨人', 'little_giant'],
  ['专精特新"小巨人"', 'little_giant'], ['链主', 'leader'], ['高新技术', 'high_tech'], ['高企', 'high_tech'], ['高新', 'high_tech'],
]);

function splitList(text: string): string[] {
  return [...new Set(text.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean))];
}

function parseNumber(text: string, field: string, row: number, errors: ImportError[], options: { isInteger: boolean }): number | undefined {
  if (text === '') {
    return undefined;
  }
  const n = Number(text.replace(/[,，\s]/g, ''));
  if (!Number.isFinite(n) || n < 0 || (options.isInteger && !Number.isInteger(n))) {
    errors.push({ row, field, message: `“${text}”不是${options.isInteger ? '非负整数' : '非负数'}` });
    return undefined;
  }
  if (n > 1e9) {
    errors.push({ row, field, message: `数值 ${text} 超出合理范围` });
    return undefined;
  }
  return n;
}

/** Validate one data row; pushes errors and returns the row when it is usable. */
function parseRow(cells: string[], row: number, index: Partial<Record<ImportColumnKey, number>>, errors: ImportError[]): ParsedRow | undefined {
  const get = (key: ImportColumnKey) => (index[key] === undefined ? '' : (cells[index[key]!] ?? '').trim());
  const before = errors.length;
  const raw = { uscc: get('uscc'), name: get('name'), regionCode: get('regionCode'), industryCode: get('industryCode') };
  for (const c of IMPORT_COLUMNS) {
    if (c.required && get(c.key) === '') {
      errors.push({ row, field: c.key, message: `缺少必填项“${c.zh}”` });
    }
  }
  if (raw.name && (raw.name.length < 2 || raw.name.length > NAME_MAX)) {
    errors.push({ row, field: 'name', message: `企业名称长度应为 2–${NAME_MAX} 个字符` });
  }
  const checked = checkCodes({
    uscc: raw.uscc || undefined,
    regionCode: raw.regionCode ? raw.regionCode.replace(/\.0$/, '') : undefined,
    industryCode: raw.industryCode || undefined,
  });
  for (const e of checked.errors) {
    errors.push({ row, field: e.path, message: e.message });
  }
  const employees = parseNumber(get('employees'), 'employees', row, errors, { isInteger: true });
  const revenue = parseNumber(get('revenue'), 'revenue', row, errors, { isInteger: false });
  const assets = parseNumber(get('assets'), 'assets', row, errors, { isInteger: false });
  const tags: EnterpriseTag[] = [];
  for (const label of splitList(get('tags'))) {
    const tag = TAG_ALIASES.get(headerKey(label)) ?? TAG_ALIASES.get(label);
    if (tag) {
      tags.push(tag);
    } else {
      errors.push({ row, field: 'tags', message: `未知标签“${label}”，可用：${ENTERPRISE_TAGS.map((t) => TAG_LABELS[t]).join('、')}` });
    }
  }
  if (errors.length > before) {
    return undefined;
  }
  return {
    row,
    uscc: checked.uscc!,
    name: raw.name,
    regionCode: raw.regionCode.replace(/\.0$/, ''),
    industryCode: checked.industryCode!,
    employees,
    revenue,
    assets,
    products: splitList(get('products')),
    capabilities: get('capabilities') || undefined,
    tags: [...new Set(tags)],
  };
}

/** Everything an import would write, computed without writing. */
interface ImportPlan {
  report: ImportReport;
  writes: repo.EnterpriseWrite[];
  financials: Map<string, repo.FinancialRecord>;
  audits: WriteRecord[];
  decisions: ImportDecision[];
}

function isEmptyRow(cells: string[] | undefined): boolean {
  return !cells || cells.every((c) => c === '');
}

async function plan(db: Db, context: WriteContext, sheet: Sheet, decisionsIn: ImportDecision[], onProgress?: ImportProgress): Promise<ImportPlan> {
  const errors: ImportError[] = [];
  const { index, missing } = mapHeader(sheet.header);
  const dataRows = sheet.rows.map((cells, i) => ({ cells, row: i + 2 })).filter((r) => !isEmptyRow(r.cells));
  const report: ImportReport = { rows: dataRows.length, valid: 0, errors, committed: false, created: 0, updated: 0, skipped: 0, uncertain: [] };
  const empty: ImportPlan = { report, writes: [], financials: new Map(), audits: [], decisions: [] };
  if (missing.length > 0) {
    for (const key of missing) {
      const col = IMPORT_COLUMNS.find((c) => c.key === key)!;
      errors.push({ row: 1, field: key, message: `缺少必填列“${col.zh}”（或 ${col.en}）` });
    }
    return empty;
  }

  // 1. Row by row: formats and codes, duplicates in the file.
  const parsed: ParsedRow[] = [];
  const firstRowOf = new Map<string, number>();
  dataRows.forEach(({ cells, row }, i) => {
    const p = parseRow(cells, row, index, errors);
    if (p) {
      const first = firstRowOf.get(p.uscc);
      if (first !== undefined) {
        errors.push({ row, field: 'uscc', message: `与第 ${first} 行的统一社会信用代码重复` });
      } else {
        firstRowOf.set(p.uscc, row);
        if (!canRegisterIn(context.actor, p.regionCode)) {
          errors.push({ row, field: 'regionCode', message: `行政区划 ${p.regionCode} 不在您的管辖范围内` });
        } else {
          parsed.push(p);
        }
      }
    }
    if (i % 5000 === 0) onProgress?.('validate', i, dataRows.length);
  });

  // 2. Against the registry: same USCC (update), same normalised name with another USCC (uncertain).
  const existing = new Map<string, repo.EnterpriseRecord>();
  const byName = new Map<string, { uscc: string; name: string }[]>();
  for (let i = 0; i < parsed.length; i += 5000) {
    const chunk = parsed.slice(i, i + 5000);
    for (const e of await repo.selectEnterprisesByUscc(db, chunk.map((p) => p.uscc))) {
      existing.set(e.uscc, e);
    }
    for (const e of await repo.selectByNormalisedNames(db, [...new Set(chunk.map((p) => normaliseName(p.name)))])) {
      const list = byName.get(e.nameNorm) ?? [];
      list.push({ uscc: e.uscc, name: e.name });
      byName.set(e.nameNorm, list);
    }
  }
  const latest = await repo.selectLatestFinancials(db, [...existing.values()].map((e) => e.id));
  const given = new Map(decisionsIn.map((d) => [`${d.uscc}|${d.existingUscc}`, d.decision]));
  const pairs = parsed.flatMap((p) => (existing.has(p.uscc) ? [] : (byName.get(normaliseName(p.name)) ?? []).filter((e) => e.uscc !== p.uscc).map((e) => ({ uscc: p.uscc, existingUscc: e.uscc }))));
  const remembered = await repo.selectDecisions(db, pairs);

  const out: ImportPlan = { ...empty, writes: [], financials: new Map(), audits: [], decisions: [] };
  const year = lastBusinessYear();
  for (const p of parsed) {
    const current = existing.get(p.uscc);
    if (current && !canRegisterIn(context.actor, current.regionCode)) {
      errors.push({ row: p.row, field: 'uscc', message: '该统一社会信用代码已由其他地区登记，无法在此导入' });
      continue;
    }
    if (!current) {
      const namesakes = (byName.get(normaliseName(p.name)) ?? []).filter((e) => e.uscc !== p.uscc);
      let isSkipped = false;
      let isUndecided = false;
      for (const other of namesakes) {
        const key = `${p.uscc}|${other.uscc}`;
        const decision = given.get(key) ?? remembered.get(key) ?? null;
        report.uncertain.push({ row: p.row, uscc: p.uscc, name: p.name, existingUscc: other.uscc, existingName: other.name, decision });
        if (given.has(key)) {
          out.decisions.push({ uscc: p.uscc, existingUscc: other.uscc, decision: given.get(key)! });
        }
        if (decision === 'skip') isSkipped = true;
        if (decision === null) isUndecided = true;
      }
      if (isSkipped) {
        report.skipped += 1;
        continue;
      }
      if (isUndecided) {
        continue; // not valid until decided; reported in `uncertain`
      }
    }
    const hasFigures = p.employees !== undefined || p.revenue !== undefined || p.assets !== undefined;
    const fileFinancial: repo.FinancialRecord | undefined = hasFigures
      ? { year, employees: p.employees ?? null, revenueFen: p.revenue !== undefined ? wanToFen(p.revenue) : null, assetsFen: p.assets !== undefined ? wanToFen(p.assets) : null, rdSpendFen: null }
      : undefined;
    const previous = current ? latest.get(current.id) : undefined;
    const sizeInput = fileFinancial ?? previous;
    const write: repo.EnterpriseWrite = {
      uscc: p.uscc,
      name: p.name,
      nameNorm: normaliseName(p.name),
      nameInitials: nameInitials(p.name),
      regionCode: p.regionCode,
      industryCode: p.industryCode,
      ...deriveSize(p.industryCode, sizeInput),
      tags: p.tags.length ? p.tags : (current?.tags ?? []),
      products: p.products.length ? p.products : (current?.products ?? []),
      capabilities: p.capabilities ?? current?.capabilities ?? '',
      certifications: current?.certifications ?? [],
      contacts: current?.contacts ?? [],
    };
    out.writes.push(write);
    if (fileFinancial) {
      out.financials.set(p.uscc, fileFinancial);
    }
    const after = { name: write.name, regionCode: write.regionCode, industryCode: write.industryCode, size: write.size, tags: write.tags, products: write.products };
    if (current) {
      report.updated += 1;
      out.audits.push({ action: 'enterprise.import.update', entityType: 'enterprise', entityKey: p.uscc, regionCode: p.regionCode, before: { name: current.name, regionCode: current.regionCode, industryCode: current.industryCode, size: current.size, tags: current.tags, products: current.products }, after });
    } else {
      report.created += 1;
      out.audits.push({ action: 'enterprise.import.create', entityType: 'enterprise', entityKey: p.uscc, regionCode: p.regionCode, after });
    }
  }
  report.valid = out.writes.length + report.skipped;
  report.uncertain.sort((a, b) => a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
  return { ...out, report };
}

/**
 * Import enterprises from an `.xlsx` or `.csv` upload. A dry run validates and reports; a
 * commit writes every row in one transaction or nothing at all (errors, or uncertain matches
 * without a decision, make it fail with the report attached).
 * @throws forbidden for roles that do not import; unsupported_file for unreadable files;
 *   validation_failed (with `report`) when a commit is refused.
 */
export async function importEnterprises(db: Db, context: WriteContext, file: Buffer, options: ImportOptions): Promise<ImportReport> {
  if (!canImport(context.actor)) {
    throw new AppError('forbidden', 'Only gov users and admins import', { userMessage: '仅政府用户和平台管理员可以导入企业' });
  }
  options.onProgress?.('read', 0, 1);
  return importSheet(db, context, await readSheet(file, IMPORT_MAX_ROWS), options);
}

export interface ImportOptions {
  isDryRun: boolean;
  decisions?: ImportDecision[];
  onProgress?: ImportProgress;
}

/** Import rows already read into a {@link Sheet} (the demo seeder builds one in memory). */
export async function importSheet(db: Db, context: WriteContext, sheet: Sheet, options: ImportOptions): Promise<ImportReport> {
  if (!canImport(context.actor)) {
    throw new AppError('forbidden', 'Only gov users and admins import', { userMessage: '仅政府用户和平台管理员可以导入企业' });
  }
  const result = await plan(db, context, sheet, options.decisions ?? [], options.onProgress);
  const { report } = result;
  const undecided = report.uncertain.filter((u) => u.decision === null).length;
  if (options.isDryRun) {
    return report;
  }
  if (report.errors.length > 0 || undecided > 0 || report.rows === 0) {
    const reason = report.rows === 0 ? '文件中没有数据行' : report.errors.length > 0 ? `有 ${report.errors.length} 处错误，请修正后重新上传` : `有 ${undecided} 条疑似重复的企业需要确认`;
    throw new AppError('validation_failed', 'Import refused', {
      userMessage: `导入未执行：${reason}`,
      errors: report.errors.slice(0, 100).map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })),
      extra: { report },
    });
  }
  await db.transaction().execute(async (tx) => {
    const total = result.writes.length;
    for (let i = 0; i < total; i += 5000) {
      const chunk = result.writes.slice(i, i + 5000);
      const ids = await repo.upsertEnterprises(tx, chunk);
      const financials = chunk.flatMap((w) => {
        const f = result.financials.get(w.uscc);
        return f ? [{ ...f, enterpriseId: ids.get(w.uscc)! }] : [];
      });
      await repo.upsertFinancials(tx, financials);
      await recordWrites(tx, context, result.audits.slice(i, i + 5000));
      options.onProgress?.('write', Math.min(i + chunk.length, total), total);
    }
    await repo.upsertDecisions(tx, result.decisions, context.actor.userId === '0' ? null : context.actor.userId);
  });
  evictEnterprises(db, result.writes.map((w) => w.uscc));
  return { ...report, committed: true };
}
