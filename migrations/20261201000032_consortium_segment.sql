-- A consortium may work on one segment of its chain (创新联合体 targeting a weak link). The key is
-- the segment's key within chains.segments; a segment later renamed keeps its key, one split or
-- merged away leaves the key dangling and the consortium shows no segment name (no FK: segments
-- are keyed per chain and rewritten by the chain editor).
ALTER TABLE consortia ADD COLUMN segment_key text;
ALTER TABLE consortia ADD CONSTRAINT consortia_segment_needs_chain CHECK (segment_key IS NULL OR chain_id IS NOT NULL);
