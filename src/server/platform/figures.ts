/**
 * Where a dashboard figure counts: a region subtree and, optionally, one chain's member enterprises.
 * Modules export small `count…Figures(db, scope)` functions over their own tables taking this scope,
 * so that the workbench dashboard reads them without reaching into their tables (ADR 0021).
 */
import { sql, type RawBuilder } from 'kysely';

export interface FigureScope {
  /** Region code prefix ('' = the country), matched with SQL LIKE. */
  regionPrefix: string;
  /** Only rows of this chain's member enterprises. */
  chainId?: string;
}

/** `AND <column> IN (the chain's members)` when the scope names a chain, else nothing. */
export function chainMemberFilter(column: string, scope: FigureScope): RawBuilder<unknown> {
  return scope.chainId ? sql`AND ${sql.ref(column)} IN (SELECT enterprise_id FROM chain_members WHERE chain_id = ${scope.chainId})` : sql``;
}

/** The LIKE pattern of the scope's region subtree. */
export function regionLike(scope: FigureScope): string {
  return `${scope.regionPrefix}%`;
}

/** A row's text counts as a number (pg returns bigint and numeric as strings). */
export function figureNumber(v: string | number | null | undefined): number {
  return Number(v ?? 0);
}

/** n / of as a percentage with one decimal, or null when `of` is 0. */
export function percentOf(n: number, of: number): number | null {
  return of === 0 ? null : Math.round((n / of) * 1000) / 10;
}
