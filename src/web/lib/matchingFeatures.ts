import type { MatchFeature } from '../../contracts/matching';

/** Largest contribution of each feature (its weight in the engine's total), for the bars of "为什么推荐". */
export const FEATURE_WEIGHT_MAX: Record<MatchFeature, number> = { text: 0.6, industry: 0.08, region: 0.1, chain: 0.12, qualification: 0.06, smeFirst: 0.04 };
