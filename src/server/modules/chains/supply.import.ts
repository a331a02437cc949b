/**
 * Supplier lists: rows of `supplier_uscc, customer_uscc, product, share` (+ optional `since,
 * source, supplier_name, supplier_country, private`) checked row by row, then written all or
 * nothing. The single-edge endpoint goes through the same plan with one row.
 */
import { SUPPLIER_NAME_MAX, SUPPLY_IMPORT_COLUMNS, SUPPLY_IMPORT_MAX_ROWS, SUPPLY_PRODUCT_MAX, SUPPLY_SOURCE_MAX, type SupplyImportColumnKey, type SupplyImportReport } from '../../../contracts/supply.js';
import type { ImportError } from '../../../contracts/enterprises.js';
import { transactionWithCopy } from '../../db/copy.js';
import type { Db, Tx } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../platform/actor.js';
import { normaliseName } from '../../platform/text.js';
import { validateUscc } from '../../platform/uscc.js';
import { recordWrites, type WriteContext } from '../audit/index.js';
import { readSheet, type Sheet } from '../enterprises/index.js';
import type { SupplyGraphHolder } from './graph/holder.js';
import { SUPPLY_EDGE_ENTITY } from './graph/holder.js';
import { canMarkPrivate, canWriteEdgeFor, canWriteEdges } from './supply.policy.js';
import * as repo from './supply.repo.js';

/** What supply writes need: the database and the graph to refresh after commit. */
export interface SupplyDeps {
  db: Db;
  graph: SupplyGraphHolder;
}

/** One row of a supplier list after parsing (before the database is asked). */
export interface EdgeInput {
  row: number;
  supplierUscc?: string;
  supplierName?: string;
  supplierCountry: string;
  customerUscc: string;
  product: string;
  share: number | null;
  since: string | null;
  source: string;
  isPrivate: boolean;
}

/** Rows of the preview returned with a report. */
const PREVIEW_ROWS = 50;

function headerKey(cell: string): string {
  return cell.normalize('NFKC').replace(/[\s_]+/g, '').toLowerCase();
}

/** Column index by English key or Chinese header. */
export function mapSupplyHeader(header: string[]): { index: Partial<Record<SupplyImportColumnKey, number>>; missing: SupplyImportColumnKey[] } {
  const byName = new Map<string, SupplyImportColumnKey>();
  for (const c of SUPPLY_IMPORT_COLUMNS) {
    byName.set(headerKey(c.key), c.key);
    byName.set(headerKey(c.zh), c.key);
  }
  const index: Partial<Record<SupplyImportColumnKey, number>> = {};
  header.forEach((cell, i) => {
    const key = byName.get(headerKey(cell));
    if (key && index[key] === undefined) index[key] = i;
  });
  const missing = SUPPLY_IMPORT_COLUMNS.filter((c) => c.required && index[c.key] === undefined).map((c) => c.key);
  return { index, missing };
}

/** "0.6", "60%", "60％" → 0.6; undefined for text that is not a number. */
export function parseShare(text: string): number | undefined {
  const t = text.normalize('NFKC').replace(/\s/g, '');
  const isPercent = t.endsWith('%');
  const n = Number(isPercent ? t.slice(0, -1) : t);
  if (t === '' || t === '%' || !Number.isFinite(n)) return undefined;
  return isPercent ? n / 100 : n;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', '是', '私有', 'private']);
const FALSE_WORDS = new Set(['', '0', 'false', 'no', 'n', '否', '公开', 'public']);

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Check one data row on its own (formats, ranges, self-loop). Pushes errors naming row and column;
 * returns the row when it is usable.
 */
export function parseSupplyRow(cells: string[], row: number, index: Partial<Record<SupplyImportColumnKey, number>>, defaults: { isPrivate: boolean }, errors: ImportError[]): EdgeInput | undefined {
  const get = (key: SupplyImportColumnKey) => (index[key] === undefined ? '' : (cells[index[key]!] ?? '').trim());
  const before = errors.length;
  const fail = (field: SupplyImportColumnKey, message: string) => errors.push({ row, field, message });
  const usccOf = (field: SupplyImportColumnKey): string | undefined => {
    const text = get(field);
    if (text === '') return undefined;
    const check = validateUscc(text);
    if (!check.valid) {
      fail(field, `统一社会信用代码无效：${check.reason}`);
      return undefined;
    }
    return check.code;
  };
  const customerUscc = usccOf('customer_uscc');
  if (get('customer_uscc') === '') fail('customer_uscc', '缺少必填项“客户信用代码”');
  const supplierUscc = usccOf('supplier_uscc');
  const supplierName = get('supplier_name');
  if (get('supplier_uscc') === '' && supplierName === '') {
    fail('supplier_uscc', '请填写供应商信用代码，平台外供应商填写供应商名称');
  }
  if (supplierName && (supplierName.length < 2 || supplierName.length > SUPPLIER_NAME_MAX)) {
    fail('supplier_name', `供应商名称长度应为 2–${SUPPLIER_NAME_MAX} 个字符`);
  }
  const country = (get('supplier_country') || 'CN').normalize('NFKC').toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) fail('supplier_country', `“${get('supplier_country')}”不是 ISO 3166-1 两位国家代码（如 CN、JP、US）`);
  if (supplierUscc && customerUscc && supplierUscc === customerUscc) fail('supplier_uscc', '供应商与客户不能是同一家企业');
  const product = get('product');
  if (product === '') fail('product', '缺少必填项“产品”');
  if (product.length > SUPPLY_PRODUCT_MAX) fail('product', `产品名称不超过 ${SUPPLY_PRODUCT_MAX} 个字符`);
  let share: number | null = null;
  if (get('share') !== '') {
    const parsed = parseShare(get('share'));
    if (parsed === undefined) fail('share', `“${get('share')}”不是数字`);
    else if (parsed < 0 || parsed > 1) fail('share', `占比 ${get('share')} 超出 0–1（0%–100%）范围`);
    else share = parsed;
  }
  const since = get('since');
  if (since && !isRealDate(since)) fail('since', `“${since}”不是有效日期（YYYY-MM-DD）`);
  const source = get('source');
  if (source.length > SUPPLY_SOURCE_MAX) fail('source', `来源不超过 ${SUPPLY_SOURCE_MAX} 个字符`);
  const privateText = get('private').toLowerCase();
  let isPrivate = defaults.isPrivate;
  if (TRUE_WORDS.has(privateText)) isPrivate = true;
  else if (privateText !== '' && FALSE_WORDS.has(privateText)) isPrivate = false;
  else if (privateText !== '') fail('private', `“${get('private')}”应为 是/否`);
  if (errors.length > before || !customerUscc) return undefined;
  return {
    row,
    supplierUscc,
    supplierName: supplierUscc ? undefined : supplierName,
    supplierCountry: supplierUscc ? 'CN' : country,
    customerUscc,
    product,
    share,
    since: since || null,
    source,
    isPrivate,
  };
}

/** An edge to write, with what the report shows. */
interface PlannedEdge {
  input: EdgeInput;
  write: repo.EdgeWrite;
  existingId?: string;
  /** Off-platform supplier to create before the edge (its id is filled in at commit). */
  offPlatform?: { name: string; nameNorm: string; countryCode: string };
  supplierLabel: string;
  customerLabel: string;
}

/**
 * Resolve parsed rows against the database and the actor's rights: unknown enterprises, customers
 * the actor may not write for, private lists by the wrong role, duplicates, others' private edges.
 */
async function planEdges(db: Db, actor: Actor, inputs: EdgeInput[], errors: ImportError[]): Promise<PlannedEdge[]> {
  const usccs = [...new Set(inputs.flatMap((i) => [i.customerUscc, ...(i.supplierUscc ? [i.supplierUscc] : [])]))];
  const enterprises = await repo.selectEnterprisesByUscc(db, usccs);
  const customers = [...new Set(inputs.map((i) => enterprises.get(i.customerUscc)?.id).filter((id): id is string => id !== undefined))];
  const existing = await repo.selectEdgesOfCustomers(db, customers);
  const offKeys = inputs.filter((i) => i.supplierName).map((i) => ({ nameNorm: normaliseName(i.supplierName!), countryCode: i.supplierCountry }));
  const offIds = await repo.selectOffPlatformSuppliers(db, offKeys);
  const seen = new Map<string, number>();
  const planned: PlannedEdge[] = [];
  for (const input of inputs) {
    const before = errors.length;
    const fail = (field: SupplyImportColumnKey, message: string) => errors.push({ row: input.row, field, message });
    const customer = enterprises.get(input.customerUscc);
    const supplier = input.supplierUscc ? enterprises.get(input.supplierUscc) : undefined;
    if (!customer || (actor.role !== 'member' && !canWriteEdgeFor(actor, customer))) {
      fail('customer_uscc', `企业 ${input.customerUscc} 不存在或不在您的管辖范围内`);
    } else if (!canWriteEdgeFor(actor, customer)) {
      fail('customer_uscc', '企业用户只能上传本企业（作为客户）的供应商清单');
    }
    if (input.supplierUscc && !supplier) fail('supplier_uscc', `企业 ${input.supplierUscc} 未在平台登记；平台外供应商请留空信用代码并填写供应商名称和国家`);
    if (input.isPrivate && !canMarkPrivate(actor)) fail('private', '只有企业用户可以上传私有供应商清单');
    if (errors.length > before || !customer) continue;
    const offPlatform = input.supplierName ? { name: input.supplierName, nameNorm: normaliseName(input.supplierName), countryCode: input.supplierCountry } : undefined;
    const offId = offPlatform ? offIds.get(`${offPlatform.nameNorm}|${offPlatform.countryCode}`) : undefined;
    const identity = repo.edgeKey({ customerId: customer.id, supplierId: supplier?.id ?? null, offPlatformSupplierId: offPlatform ? (offId ?? `new:${offPlatform.nameNorm}|${offPlatform.countryCode}`) : null, product: input.product });
    const firstRow = seen.get(identity);
    if (firstRow !== undefined) {
      fail('product', `与第 ${firstRow} 行是同一供应关系（供应商、客户、产品相同）`);
      continue;
    }
    seen.set(identity, input.row);
    const current = existing.get(identity);
    if (current?.isPrivate && current.ownerOrgId !== actor.orgId) {
      fail('product', '该供应关系已在另一组织的私有清单中登记，不能覆盖');
      continue;
    }
    planned.push({
      input,
      existingId: current?.id,
      offPlatform,
      supplierLabel: supplier?.name ?? `${input.supplierName}（${input.supplierCountry}）`,
      customerLabel: customer.name,
      write: {
        supplierId: supplier?.id ?? null,
        offPlatformSupplierId: offId ?? null,
        customerId: customer.id,
        product: input.product,
        share: input.share,
        since: input.since,
        source: input.source,
        isPrivate: input.isPrivate,
        ownerOrgId: actor.orgId ?? (current?.ownerOrgId ?? null),
        regionCode: customer.regionCode,
      },
    });
  }
  return planned;
}

/** Write planned edges in `tx` with their audit rows; returns the ids written (new and updated). */
async function writeEdges(tx: Tx, context: WriteContext, planned: PlannedEdge[]): Promise<{ created: string[]; updated: string[] }> {
  const offIds = await repo.upsertOffPlatformSuppliers(tx, [...new Map(planned.filter((p) => p.offPlatform).map((p) => [`${p.offPlatform!.nameNorm}|${p.offPlatform!.countryCode}`, p.offPlatform!])).values()]);
  for (const p of planned) {
    if (p.offPlatform) p.write.offPlatformSupplierId = offIds.get(`${p.offPlatform.nameNorm}|${p.offPlatform.countryCode}`)!;
  }
  const creates = planned.filter((p) => !p.existingId);
  const updates = planned.filter((p) => p.existingId);
  const created = await repo.insertEdges(tx, creates.map((p) => p.write), context.actor.userId === '0' ? null : context.actor.userId);
  await repo.updateEdges(tx, updates.map((p) => ({ id: p.existingId!, share: p.write.share, since: p.write.since, source: p.write.source, isPrivate: p.write.isPrivate, ownerOrgId: p.write.ownerOrgId })));
  const describe = (p: PlannedEdge) => ({ supplier: p.input.supplierUscc ?? p.input.supplierName, country: p.input.supplierCountry, customer: p.input.customerUscc, product: p.input.product, share: p.write.share, isPrivate: p.write.isPrivate });
  await recordWrites(tx, context, [
    ...creates.map((p, i) => ({ action: 'supply_edge.create', entityType: SUPPLY_EDGE_ENTITY, entityKey: created[i], regionCode: p.write.regionCode, after: describe(p) })),
    ...updates.map((p) => ({ action: 'supply_edge.update', entityType: SUPPLY_EDGE_ENTITY, entityKey: p.existingId!, regionCode: p.write.regionCode, before: { id: p.existingId }, after: describe(p) })),
  ]);
  return { created, updated: updates.map((p) => p.existingId!) };
}

/** Options of an import. */
export interface SupplyImportOptions {
  isDryRun: boolean;
  /** Rows without a `private` cell are private (a member uploading its own list privately). */
  isPrivateByDefault?: boolean;
}

/**
 * Import a supplier list from `.xlsx`/`.csv`. A dry run reports; a commit writes every row in one
 * transaction or nothing (any row error refuses it with the report attached).
 * @throws forbidden for roles that do not write edges; unsupported_file; validation_failed (with
 *   `report`) for missing columns or a refused commit.
 */
export async function importSupplyEdges(deps: SupplyDeps, context: WriteContext, file: Buffer, options: SupplyImportOptions): Promise<SupplyImportReport> {
  if (!canWriteEdges(context.actor)) {
    throw new AppError('forbidden', 'Role may not upload supplier lists', { userMessage: '当前角色不能上传供应商清单' });
  }
  return importSupplySheet(deps, context, await readSheet(file, SUPPLY_IMPORT_MAX_ROWS), options);
}

/** {@link importSupplyEdges} for a sheet already read (tests, the demo). */
export async function importSupplySheet(deps: SupplyDeps, context: WriteContext, sheet: Sheet, options: SupplyImportOptions): Promise<SupplyImportReport> {
  const { index, missing } = mapSupplyHeader(sheet.header);
  if (missing.length > 0) {
    throw new AppError('validation_failed', 'Missing columns', {
      userMessage: `缺少必需的列：${missing.join('、')}`,
      errors: missing.map((key) => ({ path: `columns.${key}`, message: `缺少列 ${key}（${SUPPLY_IMPORT_COLUMNS.find((c) => c.key === key)!.zh}）` })),
    });
  }
  const errors: ImportError[] = [];
  const inputs: EdgeInput[] = [];
  sheet.rows.forEach((cells, i) => {
    if (cells.every((c) => c === '')) return;
    const parsed = parseSupplyRow(cells, i + 2, index, { isPrivate: options.isPrivateByDefault ?? false }, errors);
    if (parsed) inputs.push(parsed);
  });
  const rows = sheet.rows.filter((cells) => cells.some((c) => c !== '')).length;
  const planned = await planEdges(deps.db, context.actor, inputs, errors);
  errors.sort((a, b) => a.row - b.row);
  const report: SupplyImportReport = {
    rows,
    valid: planned.length,
    errors,
    committed: false,
    created: planned.filter((p) => !p.existingId).length,
    updated: planned.filter((p) => p.existingId).length,
    preview: planned.slice(0, PREVIEW_ROWS).map((p) => ({ row: p.input.row, supplier: p.supplierLabel, customer: p.customerLabel, product: p.input.product, share: p.write.share, isPrivate: p.write.isPrivate, action: p.existingId ? 'update' : 'create' })),
  };
  if (options.isDryRun) {
    return report;
  }
  if (errors.length > 0 || rows === 0) {
    throw new AppError('validation_failed', 'Import refused', {
      userMessage: `导入未执行：${rows === 0 ? '文件中没有数据行' : `有 ${errors.length} 处错误，请修正后重新上传`}`,
      errors: errors.slice(0, 100).map((e) => ({ path: `rows.${e.row}.${e.field}`, message: e.message })),
      extra: { report },
    });
  }
  const written = await transactionWithCopy(deps.db, (tx) => writeEdges(tx, context, planned));
  await deps.graph.refreshEdges([...written.created, ...written.updated]);
  return { ...report, committed: true };
}

/** Column of a row error → field of the single-edge body. */
const BODY_FIELD: Readonly<Record<string, string>> = {
  supplier_uscc: 'supplierUscc', customer_uscc: 'customerUscc', product: 'product', share: 'share', since: 'since',
  source: 'source', supplier_name: 'supplierName', supplier_country: 'supplierCountry', private: 'isPrivate',
};

/**
 * Record one edge (or update the same supplier–customer–product edge).
 * @throws forbidden for roles that do not write edges; validation_failed naming the field.
 */
export async function createSupplyEdge(deps: SupplyDeps, context: WriteContext, input: Omit<EdgeInput, 'row'>): Promise<{ id: string; isCreated: boolean }> {
  if (!canWriteEdges(context.actor)) {
    throw new AppError('forbidden', 'Role may not record supply edges', { userMessage: '当前角色不能登记供应关系' });
  }
  const errors: ImportError[] = [];
  if (input.supplierUscc && input.supplierUscc === input.customerUscc) {
    errors.push({ row: 1, field: 'supplier_uscc', message: '供应商与客户不能是同一家企业' });
  }
  for (const [field, value] of [['customer_uscc', input.customerUscc], ['supplier_uscc', input.supplierUscc]] as const) {
    const check = value === undefined ? undefined : validateUscc(value);
    if (check && !check.valid) errors.push({ row: 1, field, message: `统一社会信用代码无效：${check.reason}` });
  }
  const planned = errors.length > 0 ? [] : await planEdges(deps.db, context.actor, [{ ...input, row: 1 }], errors);
  if (errors.length > 0) {
    throw new AppError('validation_failed', 'Invalid supply edge', { errors: errors.map((e) => ({ path: BODY_FIELD[e.field] ?? e.field, message: e.message })) });
  }
  const written = await deps.db.transaction().execute((tx) => writeEdges(tx, context, planned));
  const id = written.created[0] ?? written.updated[0];
  await deps.graph.refreshEdges([id]);
  return { id, isCreated: written.created.length === 1 };
}
