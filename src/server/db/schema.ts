import type { ColumnType, Generated } from 'kysely';
import type { ChainsTables } from '../modules/chains/chains.tables.js';
import type { RiskTables } from '../modules/chains/risk.tables.js';
import type { SupplyTables } from '../modules/chains/supply.tables.js';
import type { MatchingTables } from '../modules/matching/matching.tables.js';
import type { InnovationTables } from '../modules/innovation/innovation.tables.js';
import type { WorkbenchTables } from '../modules/workbench/workbench.tables.js';
import type { AssessmentTables } from '../modules/assessment/assessment.tables.js';
import type { CapitalTables } from '../modules/capital/capital.tables.js';
import type { FairsTables } from '../modules/fairs/fairs.tables.js';
import type { DealsTables } from '../modules/matching/deals.tables.js';
import type { ServicesTables } from '../modules/services/services.tables.js';
import type { OverseasTables } from '../modules/matching/overseas.tables.js';
import type { CapacityTables } from '../modules/chains/capacity.tables.js';

/** Row types of the tables, as Kysely sees them (snake_case; repos map to camelCase). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns arrive as strings from `pg`; we parse them where they are money. */
type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: Generated<string>;
  uscc: string | null;
  name: string;
  kind: string;
  region_code: string;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: string;
  region_code: string | null;
  org_id: string | null;
  is_disabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: Buffer;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: string | null;
  id: Generated<string>;
  client_ip: string | null;
}

export interface EnterprisesTable {
  id: Generated<string>;
  uscc: string;
  name: string;
  name_norm: string;
  name_initials: string;
  region_code: string;
  industry_code: string;
  size: string | null;
  size_category: string | null;
  tags: string[];
  products: string[];
  capabilities: string;
  certifications: Json<unknown[]>;
  contacts: Json<unknown[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnterpriseFinancialsTable {
  enterprise_id: string;
  year: number;
  employees: number | null;
  revenue_fen: BigIntColumn | null;
  assets_fen: BigIntColumn | null;
  rd_spend_fen: BigIntColumn | null;
}

export interface ImportMatchDecisionsTable {
  uscc: string;
  existing_uscc: string;
  decision: string;
  decided_by: string | null;
  decided_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_key: string;
  region_code: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  request_id: string | null;
}

export interface ChangeLogTable {
  id: Generated<string>;
  at: Timestamp;
  entity_type: string;
  entity_key: string;
  op: string;
}

export interface PlatformSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Timestamp;
}

/** The database as Kysely types it. */
/** All tables. Modules declare theirs in `<module>.tables.ts`. */
export interface FilesTable {
  id: Generated<string>;
  owner_kind: string;
  owner_id: string;
  name: string;
  content_type: string;
  size_bytes: number;
  sha256: Buffer;
  bytes: Buffer;
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export interface Database extends ChainsTables, SupplyTables, RiskTables, MatchingTables, InnovationTables, WorkbenchTables, AssessmentTables, CapitalTables, FairsTables, DealsTables, ServicesTables, OverseasTables, CapacityTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  enterprises: EnterprisesTable;
  enterprise_financials: EnterpriseFinancialsTable;
  import_match_decisions: ImportMatchDecisionsTable;
  audit_log: AuditLogTable;
  files: FilesTable;
  change_log: ChangeLogTable;
  schema_migrations: SchemaMigrationsTable;
  platform_settings: PlatformSettingsTable;
}
