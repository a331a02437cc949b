import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Tables of chain maps (migrations/20261128000001_create_chains.sql). */
export interface ChainsTables {
  chains: {
    id: Generated<string>;
    name: string;
    region_code: string;
    template_key: string | null;
    description: Generated<string>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  chain_segments: {
    chain_id: string;
    key: string;
    name: string;
    stage: 'upstream' | 'midstream' | 'downstream';
    upstream: Generated<string[]>;
    products: Generated<string[]>;
    industry_codes: Generated<string[]>;
    position: Generated<number>;
  };
  chain_members: {
    chain_id: string;
    segment_key: string;
    enterprise_id: string;
    role: 'leader' | 'supplier' | 'specialized' | 'little_giant' | 'research';
    source: Generated<'manual' | 'suggestion' | 'import' | 'demo'>;
    confidence: number | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  chain_suggestion_rejections: {
    chain_id: string;
    segment_key: string;
    enterprise_id: string;
    rejected_by: string | null;
    rejected_at: Timestamp;
  };
}
