-- Batch screening (issue 7) stores ~0.8 rows per enterprise with COPY; every index on
-- gradient_screening_results is updated per stored row. The table had two: the primary key
-- (screening_id, tier, enterprise_id) and the list order index (screening_id, tier, kind,
-- leaders_supplied DESC, enterprise_id). No query looks rows up by the primary key: the only
-- readers are the result list / export (`listScreeningResults`: one screening, tier and kind, in
-- the order leaders_supplied DESC, failed_count, score DESC NULLS LAST, enterprise_id), its
-- count, and the benchmark's count per screening. One index in exactly that order serves all of
-- them (the list becomes an index scan without a sort), and halves the index updates per row.
-- A row per (screening, tier, enterprise) holds by construction: the screening writes its rows
-- in its own transaction, one per evaluated enterprise and tier, and nothing else writes them.
ALTER TABLE gradient_screening_results DROP CONSTRAINT gradient_screening_results_pkey;
DROP INDEX gradient_screening_results_order_idx;
CREATE INDEX gradient_screening_results_list_idx ON gradient_screening_results
  (screening_id, tier, kind, leaders_supplied DESC, failed_count, score DESC NULLS LAST, enterprise_id);
