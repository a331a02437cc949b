-- A challenge may name the chain segment (weak link) it addresses (issue 5 item 1: "optional link
-- to a chain weak link"). Segments are keyed by (chain_id, key), so the never-used
-- `chain_segment_id` column gives way to the pair, as on consortia (migration …032).
ALTER TABLE challenges DROP COLUMN chain_segment_id;
ALTER TABLE challenges ADD COLUMN chain_id bigint REFERENCES chains(id);
ALTER TABLE challenges ADD COLUMN segment_key text;
ALTER TABLE challenges ADD CONSTRAINT challenges_segment_needs_chain CHECK (segment_key IS NULL OR chain_id IS NOT NULL);
CREATE INDEX challenges_chain_idx ON challenges (chain_id, segment_key) WHERE chain_id IS NOT NULL;
