/** Pure rules of green criteria: intensities, whether a supplier meets a criterion, a segment's level. No I/O. */

/** 1 万元 in fen. */
const WAN_FEN = 1_000_000;
const FACTORY_RANK = { municipal: 1, provincial: 2, national: 3 } as const;
export type FactoryLevel = keyof typeof FACTORY_RANK;

/** A supplier's facts as the criteria read them (its latest year's indicators, if any). */
export interface SupplierGreenFacts {
  indicator?: { energyTce: number; emissionsTco2e: number; revenueFen: number; certifications: readonly string[]; factoryLevel: FactoryLevel | null };
  /** Certifications on the registry profile. */
  registryCertifications: readonly string[];
}

export interface Criterion {
  name: string;
  kind: 'carbon_intensity' | 'energy_intensity' | 'certification' | 'green_factory';
  threshold: number | null;
  certification: string | null;
  factoryLevel: FactoryLevel | null;
}

/** Per 万元 of revenue. */
export function intensity(quantity: number, revenueFen: number): number {
  return quantity / (revenueFen / WAN_FEN);
}

function sameCertification(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[\s:：\-－]/g, '').toUpperCase();
  return norm(a) === norm(b);
}

/** Whether the supplier meets the criterion, with the reason in Chinese. Without indicators, an intensity or factory criterion fails. */
export function meetsCriterion(criterion: Criterion, facts: SupplierGreenFacts): { isMet: boolean; detail: string } {
  const ind = facts.indicator;
  switch (criterion.kind) {
    case 'carbon_intensity':
    case 'energy_intensity': {
      if (!ind) return { isMet: false, detail: `${criterion.name}：未报送能耗与碳排放数据` };
      const isCarbon = criterion.kind === 'carbon_intensity';
      const value = intensity(isCarbon ? ind.emissionsTco2e : ind.energyTce, ind.revenueFen);
      const unit = isCarbon ? 'tCO2e/万元' : 'tce/万元';
      return { isMet: value <= criterion.threshold!, detail: `${criterion.name}：${value.toFixed(3)} ${unit}（要求 ≤ ${criterion.threshold}）` };
    }
    case 'certification': {
      const held = [...(ind?.certifications ?? []), ...facts.registryCertifications].some((c) => sameCertification(c, criterion.certification!));
      return { isMet: held, detail: `${criterion.name}：${held ? '持有' : '未持有'} ${criterion.certification}` };
    }
    case 'green_factory': {
      const level = ind?.factoryLevel ?? null;
      const isMet = level !== null && FACTORY_RANK[level] >= FACTORY_RANK[criterion.factoryLevel!];
      return { isMet, detail: `${criterion.name}：${level ? FACTORY_LABELS[level] : '无'}绿色工厂（要求 ${FACTORY_LABELS[criterion.factoryLevel!]}及以上）` };
    }
  }
}

export const FACTORY_LABELS: Record<FactoryLevel, string> = { municipal: '市级', provincial: '省级', national: '国家级' };

/** Default carbon-intensity cut-offs of a segment's green level (tCO2e per 万元); configurable in platform_settings `green:level-thresholds`. */
export const DEFAULT_LEVEL_THRESHOLDS = { a: 0.3, b: 0.8 };

/** A segment's green level from its pooled carbon intensity. */
export function segmentLevel(carbonIntensity: number | null, thresholds: { a: number; b: number }): 'A' | 'B' | 'C' | 'none' {
  if (carbonIntensity === null) return 'none';
  return carbonIntensity <= thresholds.a ? 'A' : carbonIntensity <= thresholds.b ? 'B' : 'C';
}
