/** Contracts of green supply (绿色, IN-5): buyers' green procurement criteria, suppliers' yearly energy and carbon indicators, chain roll-up, needs' required criteria. */
import { z } from 'zod';
import { PageQuery, Uscc } from './common.js';

export const GREEN_CRITERION_KINDS = ['carbon_intensity', 'energy_intensity', 'certification', 'green_factory'] as const;
/** carbon_intensity 碳排放强度 ≤ threshold tCO2e/万元 / energy_intensity 能耗强度 ≤ threshold tce/万元 / certification 持有认证 / green_factory 绿色工厂等级. */
export type GreenCriterionKind = (typeof GREEN_CRITERION_KINDS)[number];
export const FACTORY_LEVELS = ['municipal', 'provincial', 'national'] as const;
/** 绿色工厂 level, lowest first: municipal 市级 < provincial 省级 < national 国家级. */
export type FactoryLevel = (typeof FACTORY_LEVELS)[number];

const Id = z.string().regex(/^\d{1,18}$/, '编号无效');
const Quantity = z.number().min(0).max(1e12);

export const CreateGreenCriterionBody = z.object({
  name: z.string().trim().min(2, '至少2个字').max(120),
  kind: z.enum(GREEN_CRITERION_KINDS),
  threshold: z.number().positive().max(1e6).optional().describe('carbon_intensity: tCO2e per 万元 revenue; energy_intensity: tce per 万元 (at most). Required for those kinds.'),
  certification: z.string().trim().min(2).max(100).optional().describe('certification: the name a supplier must hold, e.g. ISO 50001. Required for that kind.'),
  factoryLevel: z.enum(FACTORY_LEVELS).optional().describe('green_factory: the lowest accepted level. Required for that kind.'),
  description: z.string().trim().max(2000).default(''),
  uscc: Uscc.optional().describe('The buyer: a member’s own enterprise (default); gov users and admins name one in scope.'),
});
export type CreateGreenCriterionBody = z.infer<typeof CreateGreenCriterionBody>;

export const GreenCriterionView = z.object({
  id: z.string(),
  buyerName: z.string(),
  buyerUscc: z.string(),
  name: z.string(),
  kind: z.enum(GREEN_CRITERION_KINDS),
  threshold: z.number().nullable(),
  certification: z.string().nullable(),
  factoryLevel: z.enum(FACTORY_LEVELS).nullable(),
  description: z.string(),
  isActive: z.boolean(),
  canManage: z.boolean(),
});
export type GreenCriterionView = z.infer<typeof GreenCriterionView>;

export const ListGreenCriteriaQuery = PageQuery.extend({ buyerUscc: z.string().trim().max(32).optional() });

export const UpsertIndicatorBody = z.object({
  uscc: Uscc.optional().describe('The supplier: a member’s own enterprise (default); gov users and admins name one in scope.'),
  year: z.number().int().min(2000).max(2100),
  energyTce: Quantity.describe('Comprehensive energy use, tonnes of coal equivalent (tce).'),
  emissionsTco2e: Quantity.describe('Scope 1+2 emissions, tCO2e.'),
  revenueFen: z.number().int('金额以分为单位，应为整数').positive().max(1e15),
  certifications: z.array(z.string().trim().min(2).max(100)).max(20).default([]).describe('Energy/environment certifications held that year, e.g. ISO 50001, ISO 14001.'),
  factoryLevel: z.enum(FACTORY_LEVELS).nullable().default(null).describe('绿色工厂 level, if any.'),
});
export type UpsertIndicatorBody = z.infer<typeof UpsertIndicatorBody>;

export const IndicatorView = z.object({
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  year: z.number(),
  energyTce: z.number(),
  emissionsTco2e: z.number(),
  revenueFen: z.number(),
  carbonIntensity: z.number().describe('tCO2e per 万元 revenue.'),
  energyIntensity: z.number().describe('tce per 万元 revenue.'),
  certifications: z.array(z.string()),
  factoryLevel: z.enum(FACTORY_LEVELS).nullable(),
});
export type IndicatorView = z.infer<typeof IndicatorView>;

export const ListIndicatorsQuery = PageQuery.extend({ uscc: z.string().trim().max(32).optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });

export const SegmentGreen = z.object({
  key: z.string(),
  name: z.string(),
  members: z.number().describe('Enterprises of the segment.'),
  reporting: z.number().describe('Of which have indicators (latest year each).'),
  carbonIntensity: z.number().nullable().describe('Σ emissions / Σ revenue (tCO2e per 万元) over the reporting members; null when none report.'),
  energyIntensity: z.number().nullable(),
  greenFactories: z.number().describe('Reporting members with a 绿色工厂 level.'),
  certified: z.number().describe('Reporting members holding ISO 50001.'),
  level: z.enum(['A', 'B', 'C', 'none']).describe('Green level of the segment (configurable thresholds, see docs): A/B/C or none without reports.'),
});
export const ChainGreen = z.object({ chainId: z.string(), chainName: z.string(), segments: z.array(SegmentGreen), thresholds: z.object({ a: z.number(), b: z.number() }).describe('Carbon intensity at most `a` → A, at most `b` → B, else C.') });
export type ChainGreen = z.infer<typeof ChainGreen>;

export const NeedGreenBody = z.object({ criterionIds: z.array(Id).max(20) });
