import { ENTERPRISE_TAGS, IMPORT_COLUMNS, IMPORT_MAX_ROWS, NAME_MAX, TAG_LABELS, type EnterpriseTag, type ImportColumnKey, type ImportDecision, type ImportError, type ImportReport } from '../../../contracts/enterprises.js';
import { sendCopy, transactionWithCopy, type CopyBatch } from '../../db/copy.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError, type FieldError } from '../../errors.js';
import { lastBusinessYear } from '../../platform/dates.js';
import { sizeClassOf } from '../../platform/enterprise-size.js';
import { fenToWan, wanToFen } from '../../platform/money.js';
import { nameInitials, normaliseName } from '../../platform/text.js';
import { prepareWrites, type WriteContext, type WriteRecord } from '../audit/index.js';
import { canImport, canRegisterIn } from './enterprises.policy.js';
import * as repo from './enterprises.repo.js';
import { checkCodes, evictEnterprises } from './enterprises.service.js';
import { readSheet, type Sheet } from './enterprises.sheet.js';

/** A data row that passed validation. `row` is the spreadsheet row number (header = 1). */
interface ParsedRow {
  row: number;
  uscc: string;
  name: string;
  /** {@link normaliseName} of `name`, computed once. */
  nameNorm: string;
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

/**
 * A validator of data rows for one import. Region and industry codes and tag labels repeat across
 * a file, so their checks are remembered for the length of the import.
 */
function createRowParser(index: Partial<Record<ImportColumnKey, number>>): (cells: string[], row: number, errors: ImportError[]) => ParsedRow | undefined {
  const regionChecks = new Map<string, FieldError[]>();
  const industryChecks = new Map<string, { errors: FieldError[]; industryCode?: string }>();
  const tagOf = new Map<string, EnterpriseTag | undefined>();
  const checkRegion = (regionCode: string) => {
    let found = regionChecks.get(regionCode);
    if (!found) {
      found = checkCodes({ regionCode }).errors;
      regionChecks.set(regionCode, found);
    }
    return found;
  };
  const checkIndustry = (industryCode: string) => {
    let found = industryChecks.get(industryCode);
    if (!found) {
      found = checkCodes({ industryCode });
      industryChecks.set(industryCode, found);
    }
    return found;
  };
  const tagFor = (label: string) => {
    if (!tagOf.has(label)) {
      tagOf.set(label, TAG_ALIASES.get(headerKey(label)) ?? TAG_ALIASES.get(label));
    }
    return tagOf.get(label);
  };

  /** Validate one data row; pushes errors and returns the row when it is usable. */
  return (cells, row, errors) => {
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
    // checkCodes field by field, in its order (USCC, region, industry); the last two remembered.
    const checkedUscc = raw.uscc ? checkCodes({ uscc: raw.uscc }) : { errors: [], uscc: undefined };
    const regionErrors = raw.regionCode ? checkRegion(raw.regionCode.replace(/\.0$/, '')) : [];
    const checkedIndustry = raw.industryCode ? checkIndustry(raw.industryCode) : { errors: [], industryCode: undefined };
    for (const e of [...checkedUscc.errors, ...regionErrors, ...checkedIndustry.errors]) {
      errors.push({ row, field: e.path, message: e.message });
    }
    const employees = parseNumber(get('employees'), 'employees', row, errors, { isInteger: true });
    const revenue = parseNumber(get('revenue'), 'revenue', row, errors, { isInteger: false });
    const assets = parseNumber(get('assets'), 'assets', row, errors, { isInteger: false });
    const tags: EnterpriseTag[] = [];
    for (const label of splitList(get('tags'))) {
      const tag = tagFor(label);
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
      uscc: checkedUscc.uscc!,
      name: raw.name,
      nameNorm: normaliseName(raw.name),
      regionCode: raw.regionCode.replace(/\.0$/, ''),
      industryCode: checkedIndustry.industryCode!,
      employees,
      revenue,
      assets,
      products: splitList(get('products')),
      capabilities: get('capabilities') || undefined,
      tags: [...new Set(tags)],
    };
  };
}

/** A row the import will write: the parsed row and what the registry holds for its USCC. */
interface AcceptedRow {
  parsed: ParsedRow;
  current?: repo.EnterpriseRecord;
  /** Latest figures of `current`, which size it when the file has none. */
  previous?: repo.FinancialRecord;
}

/**
 * Rows validated, matched against the registry and written together. The first chunk is small so
 * that PostgreSQL starts writing early; later ones are larger (fewer round trips).
 */
const FIRST_CHUNK_ROWS = 1000;
const CHUNK_ROWS = 5000;

/** Rows of synchronous work between two turns of the event loop, so that a COPY in flight keeps being fed. */
const SLICE_ROWS = 250;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isEmptyRow(cells: string[] | undefined): boolean {
  return !cells || cells.every((c) => c === '');
}

/** What planning fills in: the report (complete once every chunk is planned) and the decisions given with this upload. */
interface PlanResult {
  report: ImportReport;
  decisions: ImportDecision[];
}

/**
 * Plan an import chunk by chunk, in file order: validate the rows (formats, codes, duplicates in
 * the file, region scope), match them against the registry (same USCC → update; same normalised
 * name with another USCC → uncertain, settled by a given or remembered decision) and yield the
 * rows to write. Nothing is written here. `result.report` is complete when the generator is done.
 */
async function* planChunks(db: Db, context: WriteContext, sheet: Sheet, decisionsIn: ImportDecision[], result: PlanResult, onProgress?: ImportProgress): AsyncGenerator<AcceptedRow[]> {
  const { report } = result;
  const { errors } = report;
  const { index, missing } = mapHeader(sheet.header);
  const dataRows = sheet.rows.map((cells, i) => ({ cells, row: i + 2 })).filter((r) => !isEmptyRow(r.cells));
  report.rows = dataRows.length;
  if (missing.length > 0) {
    for (const key of missing) {
      const col = IMPORT_COLUMNS.find((c) => c.key === key)!;
      errors.push({ row: 1, field: key, message: `缺少必填列“${col.zh}”（或 ${col.en}）` });
    }
    return;
  }
  const parseRow = createRowParser(index);
  const given = new Map(decisionsIn.map((d) => [`${d.uscc}|${d.existingUscc}`, d.decision]));
  const firstRowOf = new Map<string, number>();
  let accepted = 0;
  for (let start = 0, size = FIRST_CHUNK_ROWS; start < dataRows.length; start += size, size = CHUNK_ROWS) {
    // 1. Row by row: formats and codes, duplicates in the file.
    const parsed: ParsedRow[] = [];
    const end = Math.min(start + size, dataRows.length);
    for (let i = start; i < end; i++) {
      const { cells, row } = dataRows[i];
      const p = parseRow(cells, row, errors);
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
      if (i % SLICE_ROWS === SLICE_ROWS - 1) await nextTurn();
    }

    // 2. Against the registry as committed before this import.
    const [sameUscc, sameName] = await Promise.all([
      repo.selectEnterprisesByUscc(db, parsed.map((p) => p.uscc)),
      repo.selectByNormalisedNames(db, [...new Set(parsed.map((p) => p.nameNorm))]),
    ]);
    const existing = new Map(sameUscc.map((e) => [e.uscc, e]));
    const byName = new Map<string, { uscc: string; name: string }[]>();
    for (const e of sameName) {
      const list = byName.get(e.nameNorm) ?? [];
      list.push({ uscc: e.uscc, name: e.name });
      byName.set(e.nameNorm, list);
    }
    const latest = await repo.selectLatestFinancials(db, sameUscc.map((e) => e.id));
    const pairs = parsed.flatMap((p) => (existing.has(p.uscc) ? [] : (byName.get(p.nameNorm) ?? []).filter((e) => e.uscc !== p.uscc).map((e) => ({ uscc: p.uscc, existingUscc: e.uscc }))));
    const remembered = await repo.selectDecisions(db, pairs);

    // 3. What to do with each row.
    const rows: AcceptedRow[] = [];
    for (const p of parsed) {
      const current = existing.get(p.uscc);
      if (current && !canRegisterIn(context.actor, current.regionCode)) {
        errors.push({ row: p.row, field: 'uscc', message: '该统一社会信用代码已由其他地区登记，无法在此导入' });
        continue;
      }
      if (!current) {
        const namesakes = (byName.get(p.nameNorm) ?? []).filter((e) => e.uscc !== p.uscc);
        let isSkipped = false;
        let isUndecided = false;
        for (const other of namesakes) {
          const key = `${p.uscc}|${other.uscc}`;
          const decision = given.get(key) ?? remembered.get(key) ?? null;
          report.uncertain.push({ row: p.row, uscc: p.uscc, name: p.name, existingUscc: other.uscc, existingName: other.name, decision });
          if (given.has(key)) {
            result.decisions.push({ uscc: p.uscc, existingUscc: other.uscc, decision: given.get(key)! });
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
      rows.push({ parsed: p, current, previous: current ? latest.get(current.id) : undefined });
      if (current) {
        report.updated += 1;
      } else {
        report.created += 1;
      }
    }
    accepted += rows.length;
    yield rows;
  }
  report.valid = accepted + report.skipped;
  report.uncertain.sort((a, b) => a.row - b.row);
  errors.sort((a, b) => a.row - b.row);
}

/** An accepted row as the records to write: the enterprise, the file's figures (if any) and the audit entry. */
interface MaterialisedRow {
  isUpdate: boolean;
  write: repo.EnterpriseWrite;
  financial?: repo.FinancialRecord;
  audit: WriteRecord;
}

/**
 * The records of one accepted row. The size class comes from the file's figures, else from the
 * latest figures on record (as `deriveSize` in the service does, without its explanations).
 */
function materialise({ parsed: p, current, previous }: AcceptedRow, year: number): MaterialisedRow {
  const hasFigures = p.employees !== undefined || p.revenue !== undefined || p.assets !== undefined;
  const financial: repo.FinancialRecord | undefined = hasFigures
    ? { year, employees: p.employees ?? null, revenueFen: p.revenue !== undefined ? wanToFen(p.revenue) : null, assetsFen: p.assets !== undefined ? wanToFen(p.assets) : null, rdSpendFen: null }
    : undefined;
  const sizeInput = financial ?? previous;
  const { size, category } = sizeClassOf({
    industryCode: p.industryCode,
    employees: sizeInput?.employees ?? undefined,
    revenue: sizeInput?.revenueFen != null ? fenToWan(sizeInput.revenueFen) : undefined,
    assets: sizeInput?.assetsFen != null ? fenToWan(sizeInput.assetsFen) : undefined,
  });
  const write: repo.EnterpriseWrite = {
    uscc: p.uscc,
    name: p.name,
    nameNorm: p.nameNorm,
    nameInitials: nameInitials(p.name),
    regionCode: p.regionCode,
    industryCode: p.industryCode,
    size,
    sizeCategory: category,
    tags: p.tags.length ? p.tags : (current?.tags ?? []),
    products: p.products.length ? p.products : (current?.products ?? []),
    capabilities: p.capabilities ?? current?.capabilities ?? '',
    certifications: current?.certifications ?? [],
    contacts: current?.contacts ?? [],
  };
  const after = { name: write.name, regionCode: write.regionCode, industryCode: write.industryCode, size: write.size, tags: write.tags, products: write.products };
  const audit: WriteRecord = current
    ? { action: 'enterprise.import.update', entityType: 'enterprise', entityKey: p.uscc, regionCode: p.regionCode, before: { name: current.name, regionCode: current.regionCode, industryCode: current.industryCode, size: current.size, tags: current.tags, products: current.products }, after }
    : { action: 'enterprise.import.create', entityType: 'enterprise', entityKey: p.uscc, regionCode: p.regionCode, after };
  return { isUpdate: current !== undefined, write, financial, audit };
}

/**
 * A chunk ready to write: enterprises that exist (overwritten by upsert, with their figures), and
 * everything else as COPY batches in the order they are sent: new enterprises, their figures, the
 * audit rows and the change feed.
 */
interface PreparedChunk {
  updates: repo.EnterpriseWrite[];
  updateFinancials: Array<{ uscc: string; financial: repo.FinancialRecord }>;
  batches: CopyBatch[];
  usccs: string[];
}

/**
 * Turn a chunk's accepted rows into what {@link writeChunk} sends. This runs while the previous
 * chunk is being written, and yields to the event loop now and then, so that the COPY in flight
 * keeps being fed. Ids of new enterprises are drawn on the pool (`db`), not on the busy transaction.
 */
async function prepareChunk(db: Db, context: WriteContext, rows: AcceptedRow[], year: number): Promise<PreparedChunk> {
  const records: MaterialisedRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    records.push(materialise(rows[i], year));
    if (i % SLICE_ROWS === SLICE_ROWS - 1) await nextTurn();
  }
  const updates = records.filter((m) => m.isUpdate);
  const creates = records.filter((m) => !m.isUpdate);
  const ids = await repo.drawEnterpriseIds(db, creates.length);
  const batches = [
    await repo.newEnterprisesBatch(creates.map((m, i) => ({ ...m.write, id: ids[i] }))),
    await repo.newFinancialsBatch(creates.flatMap((m, i) => (m.financial ? [{ ...m.financial, enterpriseId: ids[i] }] : []))),
    ...(await prepareWrites(context, records.map((m) => m.audit))),
  ];
  return {
    updates: updates.map((m) => m.write),
    updateFinancials: updates.flatMap((m) => (m.financial ? [{ uscc: m.write.uscc, financial: m.financial }] : [])),
    batches,
    usccs: records.map((m) => m.write.uscc),
  };
}

/** Write a prepared chunk inside the import's transaction. */
async function writeChunk(tx: Tx, chunk: PreparedChunk): Promise<void> {
  const ids = await repo.upsertEnterprises(tx, chunk.updates);
  await repo.upsertFinancials(tx, chunk.updateFinancials.map((f) => ({ ...f.financial, enterpriseId: ids.get(f.uscc)! })));
  for (const batch of chunk.batches) {
    await sendCopy(tx, batch);
  }
}

/** Why a commit is refused (errors, undecided matches, no rows), or undefined when it may go ahead. */
function refusalOf(report: ImportReport): AppError | undefined {
  const undecided = report.uncertain.filter((u) => u.decision === null).length;
  if (report.errors.length === 0 && undecided === 0 && report.rows > 0) {
    return undefined;
  }
  const reason = report.rows === 0 ? '文件中没有数据行' : report.errors.length > 0 ? `有 ${report.errors.length} 处错误，请修正后重新上传` : `有 ${undecided} 条疑似重复的企业需要确认`;
  return new AppError('validation_failed', 'Import refused', {
    userMessage: `导入未执行：${reason}`,
    errors: report.errors.slice(0, 100).map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })),
    extra: { report },
  });
}

/** True once the report already holds a reason to refuse the commit (more rows cannot undo it). */
function hasProblem(report: ImportReport): boolean {
  return report.errors.length > 0 || report.uncertain.some((u) => u.decision === null);
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

/**
 * Import rows already read into a {@link Sheet} (the demo seeder builds one in memory).
 *
 * A commit plans and writes in one pass (ADR 0005): each chunk is written, inside the one
 * transaction, while the next is being validated and matched, so the JS work and PostgreSQL's work
 * overlap on their two cores. The report is still complete before anything commits: the first
 * problem stops the writing, planning goes on to the end for the full report, and the transaction
 * is rolled back.
 */
export async function importSheet(db: Db, context: WriteContext, sheet: Sheet, options: ImportOptions): Promise<ImportReport> {
  if (!canImport(context.actor)) {
    throw new AppError('forbidden', 'Only gov users and admins import', { userMessage: '仅政府用户和平台管理员可以导入企业' });
  }
  const result: PlanResult = { report: { rows: 0, valid: 0, errors: [], committed: false, created: 0, updated: 0, skipped: 0, uncertain: [] }, decisions: [] };
  const { report } = result;
  const chunks = planChunks(db, context, sheet, options.decisions ?? [], result, options.onProgress);
  if (options.isDryRun) {
    for await (const _rows of chunks) {
      // planning only
    }
    return report;
  }
  const first = await chunks.next();
  if (first.done || hasProblem(report)) {
    // Nothing to write, or refused already: finish the report without opening a transaction.
    for await (const _rows of chunks) {
      // planning only
    }
    throw refusalOf(report) ?? new Error('import refused without a reason');
  }
  const year = lastBusinessYear();
  const written: string[] = [];
  await transactionWithCopy(db, async (tx) => {
    // One chunk is written while the next is planned; writes run one after another on `tx`.
    let writing: Promise<void> = Promise.resolve();
    let done = 0;
    try {
      for (let next: IteratorResult<AcceptedRow[]> = first; !next.done; next = await chunks.next()) {
        if (hasProblem(report)) {
          continue; // refused: plan the rest for the report, write nothing more
        }
        const prepared = await prepareChunk(db, context, next.value, year);
        await writing;
        writing = writeChunk(tx, prepared).then(() => {
          done += prepared.usccs.length;
          options.onProgress?.('write', done, report.rows);
        });
        writing.catch(() => {}); // awaited below; handled here so that it is not reported as unhandled meanwhile
        written.push(...prepared.usccs);
      }
      await writing;
    } finally {
      await writing.catch(() => {});
    }
    const refusal = refusalOf(report);
    if (refusal) {
      throw refusal; // rolls back what was written so far
    }
    options.onProgress?.('write', report.rows, report.rows);
    await repo.upsertDecisions(tx, result.decisions, context.actor.userId === '0' ? null : context.actor.userId);
  });
  evictEnterprises(db, written);
  return { ...report, committed: true };
}
