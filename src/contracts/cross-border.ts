import { z } from 'zod';
import { BusinessDate, IndustryCode, PageQuery, Uscc } from './common.js';

/**
 * ISO 3166-1 alpha-2 codes officially assigned (249). Cross-border targets exclude `CN`
 * (mainland China); HK, MO and TW are listed as in the standard.
 */
export const ISO_COUNTRIES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ ' +
  'NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
  'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const COUNTRY_SET = new Set(ISO_COUNTRIES);

/** A target country of a cross-border listing: ISO 3166-1 alpha-2, upper-cased, not CN. */
export const TargetCountry = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRY_SET.has(c), '不是 ISO 3166-1 两位国家/地区代码（如 DE、VN、TH）')
  .refine((c) => c !== 'CN', '跨境目标不能是中国大陆（CN）')
  .describe('ISO 3166-1 alpha-2 country/region code, e.g. DE, VN, TH, SA (not CN).');
export const TARGET_COUNTRIES_MAX = 30;
export const TargetCountries = z.array(TargetCountry).max(TARGET_COUNTRIES_MAX);

export const TITLE_EN_MAX = 200;
export const DESCRIPTION_EN_MAX = 8000;

/** Optional English text and the cross-border flag, added to needs and offers (bodies). */
export const CrossBorderFields = {
  titleEn: z.string().trim().max(TITLE_EN_MAX).optional().describe('English title (cross-border listings); empty clears it.'),
  descriptionEn: z.string().trim().max(DESCRIPTION_EN_MAX).optional().describe('English description; empty clears it.'),
  crossBorder: z.boolean().optional().describe('Listed for cross-border matchmaking (跨境对接). Requires at least one `targetCountries` entry.'),
  targetCountries: TargetCountries.optional().describe('Target countries/regions abroad (ISO 3166-1 alpha-2).'),
};

/** The same fields as views present them. */
export const CrossBorderView = {
  titleEn: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  crossBorder: z.boolean(),
  targetCountries: z.array(z.string()),
};

export const LISTING_KINDS = ['need', 'offer'] as const;
export const ListingKind = z.enum(LISTING_KINDS);
export type ListingKind = z.infer<typeof ListingKind>;

/** Query of `GET /api/v1/cross-border/listings`. */
export const ListListingsQuery = PageQuery.extend({
  kind: ListingKind.optional().describe('Only needs or only offers.'),
  country: TargetCountry.optional().describe('Listings targeting this country.'),
  industry: IndustryCode.optional().describe('GB/T 4754 code or prefix (C38 matches C3841); the need’s industry, else the enterprise’s.'),
});
export type ListListingsQuery = z.infer<typeof ListListingsQuery>;

/** One cross-border listing: a published need or an offer flagged `crossBorder`. */
export const ListingView = z.object({
  kind: ListingKind,
  id: z.string().describe('Id of the need or offer.'),
  title: z.string(),
  titleEn: z.string().nullable().describe('Null when no English title was given (the UI then shows the Chinese one, marked).'),
  description: z.string(),
  descriptionEn: z.string().nullable(),
  uscc: z.string(),
  enterpriseName: z.string(),
  regionCode: z.string().describe('Owner enterprise’s region.'),
  industryCode: z.string().nullable(),
  needKind: z.string().nullable().describe('For needs: procurement, supporting, …'),
  products: z.array(z.string()),
  targetCountries: z.array(z.string()),
  listedAt: z.string().describe('Published (needs) or created (offers), UTC.'),
  link: z.string().describe('Web path of the need (its page) or offer (the cross-border page with its drawer open, `/cross-border?offer=<id>`).'),
});
export type ListingView = z.infer<typeof ListingView>;
