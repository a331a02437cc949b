/**
 * Deterministic evaluation inputs for registered SMEs, generated in SQL (demo data and the
 * 1M-enterprise benchmark): three years of figures around the registry's newest revenue and a
 * declared profile, all derived from a hash of the USCC so the same database gives the same data.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Fill `gradient_yearly` (years lastYear-2 … lastYear) and `gradient_profiles` for the SMEs of a
 * region (prefix '' = all) that have none yet. Returns the number of enterprises filled.
 */
export async function generateGradientInputs(db: Db, regionPrefix: string, lastYear: number): Promise<number> {
  const like = `${regionPrefix}%`;
  const base = sql`
    WITH src AS (
      SELECT e.id, e.region_code, f.revenue_fen, f.assets_fen, f.employees,
        ((hashtext(e.uscc || 'a') & 2147483647) % 10000) / 10000.0 AS r1,
        ((hashtext(e.uscc || 'b') & 2147483647) % 10000) / 10000.0 AS r2,
        ((hashtext(e.uscc || 'c') & 2147483647) % 10000) / 10000.0 AS r3,
        ((hashtext(e.uscc || 'd') & 2147483647) % 10000) / 10000.0 AS r4,
        ((hashtext(e.uscc || 'e') & 2147483647) % 10000) / 10000.0 AS r5,
        ((hashtext(e.uscc || 'f') & 2147483647) % 10000) / 10000.0 AS r6,
        ((hashtext(e.uscc || 'g') & 2147483647) % 10000) / 10000.0 AS r7
      FROM enterprises e JOIN enterprise_financials f ON f.enterprise_id = e.id AND f.year = ${lastYear}
      WHERE e.region_code LIKE ${like} AND e.size IN ('medium','small','micro') AND f.revenue_fen > 0
        AND NOT EXISTS (SELECT 1 FROM gradient_profiles p WHERE p.enterprise_id = e.id)
    )`;
  await sql`${base}
    INSERT INTO gradient_yearly (enterprise_id, year, region_code, revenue_fen, main_revenue_fen, net_profit_fen, assets_fen, liabilities_fen, rd_spend_fen, employees, rd_staff)
    SELECT id, ${lastYear} - k, region_code, rev, (rev * (0.5 + 0.5 * r2))::bigint, (rev * (r3 * 0.22 - 0.04))::bigint,
           CASE WHEN k = 0 THEN assets_fen END, (coalesce(assets_fen, rev) * (0.2 + 0.7 * r4))::bigint, (rev * r5 * 0.09)::bigint,
           CASE WHEN k = 0 THEN employees END, (coalesce(employees, 50) * (0.03 + 0.35 * r6))::int
    FROM (SELECT s.*, k, (s.revenue_fen / power(1 + (r1 * 0.4 - 0.08), k))::bigint AS rev FROM src s CROSS JOIN generate_series(0, 2) AS k) y
    ON CONFLICT (enterprise_id, year) DO NOTHING`.execute(db);
  const profiles = await sql`${base}
    INSERT INTO gradient_profiles (enterprise_id, region_code, facts)
    SELECT id, region_code, jsonb_strip_nulls(jsonb_build_object(
      'nicheSince', make_date(${lastYear} - (r1 * 14)::int, 1 + (r2 * 11)::int, 1)::text,
      'ipClass1', (r3 * r3 * 8)::int,
      'ipClass1Self', (r3 * r3 * 8 * r4)::int,
      'ipHighValue', CASE WHEN r5 < 0.08 THEN 1 ELSE 0 END,
      'ipClass2', (r6 * 12)::int,
      'emergingField', r7 < 0.55,
      'productField', CASE WHEN r2 < 0.15 THEN 'key_link' WHEN r2 < 0.45 THEN 'foundation' ELSE 'other' END,
      'qualityItems', to_jsonb(array_remove(ARRAY[CASE WHEN r4 < 0.7 THEN 'certification' END, CASE WHEN r5 < 0.5 THEN 'own_brand' END, CASE WHEN r6 < 0.2 THEN 'standards' END, CASE WHEN r7 < 0.05 THEN 'quality_award' END], NULL)),
      'rdInstitutionLevel', CASE WHEN r1 < 0.03 THEN 'national' WHEN r1 < 0.12 THEN 'provincial' WHEN r1 < 0.35 THEN 'city' WHEN r1 < 0.5 THEN 'below_city' ELSE 'none' END,
      'stAwardLevel', CASE WHEN r3 < 0.02 THEN 'national' WHEN r3 < 0.06 THEN 'provincial' ELSE 'none' END,
      'stAwardRank', CASE WHEN r3 < 0.06 THEN 1 + (r4 * 6)::int END,
      'equity2yWan', CASE WHEN r6 < 0.1 THEN round((r7 * 9000)::numeric, 0) ELSE 0 END,
      'equity3yWan', CASE WHEN r6 < 0.1 THEN round((r7 * 9000 + 300)::numeric, 0) ELSE 0 END,
      'chuangkeGroup', CASE WHEN r7 < 0.01 THEN 'top50' WHEN r7 < 0.04 THEN 'top500' ELSE 'none' END,
      'hasInfoSystem', r2 < 0.75,
      'hasSystemCertification', r4 < 0.7,
      'marketSharePct', round((r5 * r5 * 25)::numeric, 1),
      'hasOwnBrand', r5 < 0.5,
      'localScore', round((r6 * 15)::numeric, 0),
      'baselineCompliant', r7 < 0.97,
      'digitalLevel', CASE WHEN r3 < 0.15 THEN 'level3' WHEN r3 < 0.5 THEN 'level2' ELSE 'level1' END
    ))
    FROM src
    ON CONFLICT (enterprise_id) DO NOTHING`.execute(db);
  return Number(profiles.numAffectedRows ?? 0n);
}
