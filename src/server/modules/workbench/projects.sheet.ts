/**
 * Excel of the project database: export, and import with a dry run (row errors, nothing written)
 * then a commit (every row in one transaction, or none). The export uses the import's columns, so
 * an exported sheet imports again.
 */
import ExcelJS from 'exceljs';
import {
  CreateProjectBody, PROJECT_IMPORT_MAX_ROWS, PROJECT_STATUS_LABELS, PROJECT_TYPE_LABELS, WEAK_LINK_LABELS, type ProjectImportReport, type ProjectView,
} from '../../../contracts/projects.js';
import type { Db } from '../../db/database.js';
import { invalid, type FieldError } from '../../errors.js';
import { fenToWan, wanToFen } from '../../platform/money.js';
import type { WriteContext } from '../audit/index.js';
import { readSheet } from '../enterprises/index.js';
import * as repo from './projects.repo.js';
import { chainLookup, insertProjects, resolveProject } from './projects.service.js';

/** Columns of the sheet, in order. */
export const PROJECT_COLUMNS = [
  '项目名称', '类型', '产业链编号', '环节', '薄弱环节', '所在地区代码', '投资额（万元）', '状态', '进度（%）', '开始日期', '结束日期',
  '参与企业（统一社会信用代码，分号分隔，首个为牵头企业）', '里程碑（标题@日期，分号分隔）', '说明',
] as const;

const reverse = (labels: Record<string, string>) => new Map(Object.entries(labels).flatMap(([k, v]) => [[k, k], [v, k]]));
const TYPES = reverse(PROJECT_TYPE_LABELS);
const STATUSES = reverse(PROJECT_STATUS_LABELS);
const WEAK = reverse(WEAK_LINK_LABELS);
const split = (cell: string) => cell.split(/[;；\n]/).map((s) => s.trim()).filter(Boolean);

/** The projects as a workbook with the import's columns (segment by key). */
export async function projectsWorkbook(projects: ProjectView[], details: Map<string, { usccs: string[]; milestones: { title: string; dueOn: string }[] }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('补链固链强链项目库');
  sheet.addRow([...PROJECT_COLUMNS, '环节名称', '产业链', '地区']).font = { bold: true };
  for (const p of projects) {
    const d = details.get(p.id);
    sheet.addRow([
      p.name, PROJECT_TYPE_LABELS[p.type], p.chainId, p.segmentKey, p.weakLinkKind ? WEAK_LINK_LABELS[p.weakLinkKind] : '', p.regionCode, fenToWan(BigInt(p.investmentFen)),
      PROJECT_STATUS_LABELS[p.status], p.progressPct, p.startsOn ?? '', p.endsOn ?? '', (d?.usccs ?? []).join('；'), (d?.milestones ?? []).map((m) => `${m.title}@${m.dueOn}`).join('；'),
      p.description, p.segmentName, p.chainName, p.regionName,
    ]);
  }
  sheet.columns.forEach((c, i) => (c.width = i === 0 || i === 11 || i === 12 ? 36 : 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Enterprises (USCCs, lead first) and milestones of the given projects, for the export. */
export async function exportDetails(db: Db, ids: string[]) {
  const details = new Map<string, { usccs: string[]; milestones: { title: string; dueOn: string }[] }>();
  for (const id of ids) {
    const [enterprises, milestones] = await Promise.all([repo.selectProjectEnterprises(db, id), repo.selectMilestones(db, id)]);
    details.set(id, { usccs: enterprises.map((e) => e.uscc), milestones });
  }
  return details;
}

/** One sheet row as a create body (before validation); segment names are matched later. */
function rowToBody(cells: string[]): Record<string, unknown> {
  const cell = (i: number) => (cells[i] ?? '').trim();
  const wan = cell(6) === '' ? 0 : Number(cell(6));
  const usccs = split(cell(11));
  return {
    name: cell(0), type: TYPES.get(cell(1)) ?? cell(1), chainId: cell(2), segmentKey: cell(3), weakLinkKind: cell(4) ? WEAK.get(cell(4)) ?? cell(4) : null,
    regionCode: cell(5) || undefined, investmentFen: Number.isFinite(wan) && wan >= 0 ? Number(wanToFen(wan)) : -1, status: cell(7) ? STATUSES.get(cell(7)) ?? cell(7) : undefined,
    progressPct: cell(8) === '' ? undefined : Number(cell(8)), startsOn: cell(9) || null, endsOn: cell(10) || null,
    enterprises: usccs.map((uscc, i) => ({ uscc, role: i === 0 ? 'lead' : 'participant' })),
    milestones: split(cell(12)).map((m) => {
      const at = m.lastIndexOf('@');
      return at < 0 ? { title: m, dueOn: '' } : { title: m.slice(0, at).trim(), dueOn: m.slice(at + 1).trim() };
    }),
    description: cell(13),
  };
}

/**
 * Import projects from an upload. A dry run reports every row's errors and writes nothing; a commit
 * (`isDryRun` false) with any error writes nothing either (422 with the row errors), else inserts
 * every row in one transaction with its audit entry.
 */
export async function importProjects(db: Db, context: WriteContext, file: Buffer, options: { isDryRun: boolean }): Promise<ProjectImportReport> {
  const sheet = await readSheet(file, PROJECT_IMPORT_MAX_ROWS + 1);
  const missing = PROJECT_COLUMNS.filter((c, i) => (sheet.header[i] ?? '').trim() !== c);
  if (missing.length > 0) throw invalid([{ path: 'file', message: `表头应为模板的列（缺少或错位：${missing.join('、')}）` }]);
  if (sheet.rows.length > PROJECT_IMPORT_MAX_ROWS) throw invalid([{ path: 'file', message: `一次最多导入 ${PROJECT_IMPORT_MAX_ROWS} 行` }]);
  const lookup = chainLookup(db, context.actor);
  const errors: ProjectImportReport['errors'] = [];
  const valid: { insert: repo.ProjectInsert; body: CreateProjectBody }[] = [];
  for (const [index, cells] of sheet.rows.entries()) {
    const row = index + 2;
    const raw = rowToBody(cells);
    const chain = /^\d{1,18}$/.test(String(raw.chainId)) ? await lookup(String(raw.chainId)) : undefined;
    const byName = chain && [...chain.segments].find(([, name]) => name === raw.segmentKey);
    if (byName) raw.segmentKey = byName[0];
    const parsed = CreateProjectBody.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, path: issue.path.join('.'), message: issue.message });
      continue;
    }
    const resolved = await resolveProject(db, context.actor, parsed.data, lookup);
    if (resolved.insert) valid.push({ insert: resolved.insert, body: parsed.data });
    else errors.push(...resolved.errors.map((e: FieldError) => ({ row, path: e.path, message: e.message })));
  }
  const report = { isDryRun: options.isDryRun, rows: sheet.rows.length, valid: valid.length, created: 0, errors };
  if (options.isDryRun) return report;
  if (errors.length > 0) throw invalid(errors.slice(0, 50).map((e) => ({ path: `rows.${e.row}.${e.path}`, message: e.message })));
  await db.transaction().execute((tx) => insertProjects(tx, context, valid, 'chain_project.import'));
  return { ...report, created: valid.length };
}
