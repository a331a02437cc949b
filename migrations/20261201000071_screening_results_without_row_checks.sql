-- Batch screening stores one row per candidate or near-miss: about 0.8 rows per enterprise, so
-- some 800k rows for a national screening of 1M enterprises (issue 7, ≤ 60 s). The two foreign
-- keys cost a referential-integrity query per inserted row: measured 38.6 s with them and 13.6 s
-- without for 400k rows (same table and indexes, contended machine). They guarded nothing the
-- application can break: the rows are written in the screening's own transaction, right after its
-- `gradient_screenings` row, with enterprise ids the screening has just read; neither screenings nor
-- enterprises are ever deleted by the application, and the result lists join `enterprises`, so a
-- row whose enterprise were removed by hand would not be shown.
ALTER TABLE gradient_screening_results DROP CONSTRAINT gradient_screening_results_screening_id_fkey;
ALTER TABLE gradient_screening_results DROP CONSTRAINT gradient_screening_results_enterprise_id_fkey;
