/**
 * Human labels of rule keys (indicators, conditions, direct routes, score groups) and of routes, in
 * Chinese (the rule sets' own names and texts) and English (short translations here), so screening
 * lists and exports never show raw keys such as `spe_req_rd`.
 */
import { GRADIENT_RULE_SETS } from './index.js';

export interface KeyLabel {
  key: string;
  zh: string;
  en: string;
}

const EN: Record<string, string> = {
  score: 'Total score', requirements: 'All conditions met',
  inn_ip: 'Intellectual property', inn_rd_ratio: 'R&D spend / revenue', inn_growth: 'Main revenue growth', inn_debt: 'Debt ratio', inn_field: 'Field of the main product', inn_main_share: 'Main business share of revenue',
  inn_direct_award: 'Direct: science and technology award', inn_direct_title: 'Direct: high-tech or IP honour', inn_direct_rd_institution: 'Direct: recognised R&D institution', inn_direct_equity: 'Direct: equity financing ≥ 5 M yuan',
  is_sme: 'Is an SME', baseline_compliance: 'Compliance baseline',
  spe_main_share: 'Main business share of revenue', spe_growth: 'Main revenue growth (2-year average)', spe_niche: 'Years in the niche market', spe_field: 'Field of the main product', spe_digital: 'Digital level',
  spe_quality: 'Quality management', spe_margin: 'Net profit margin', spe_debt: 'Debt ratio', spe_local: 'Local indicators', spe_ip: 'Intellectual property', spe_rd: 'R&D spend', spe_rd_staff: 'R&D staff share', spe_rd_institution: 'R&D institution level',
  spe_req_niche: 'Niche market ≥ 2 years', spe_req_rd: 'R&D ≥ 1 M yuan and ≥ 3 % of revenue', spe_req_revenue: 'Revenue ≥ 10 M yuan or equity ≥ 20 M yuan',
  spe_direct_award: 'Direct: science and technology award', spe_direct_rd: 'Direct: R&D ≥ 10 M yuan a year', spe_direct_equity: 'Direct: equity financing ≥ 60 M yuan', spe_direct_chuangke: 'Direct: Maker China top 500',
  lg_prereq_specialized: 'Provincial specialised SME already', lg_zhuan_niche: 'Specialised: niche ≥ 3 years', lg_zhuan_share: 'Specialised: main business ≥ 70 %', lg_zhuan_growth: 'Specialised: main revenue growth ≥ 5 %',
  lg_jing_system: 'Refined: information system for a core business', lg_jing_cert: 'Refined: management system or product certification', lg_jing_debt: 'Refined: debt ratio ≤ 70 %',
  lg_te_share: 'Distinctive: national niche share ≥ 10 %', lg_te_brand: 'Distinctive: own brand',
  lg_xin_rd_large: 'Innovative: R&D ≥ 3 % (revenue ≥ 100 M yuan)', lg_xin_rd_mid: 'Innovative: R&D ≥ 6 % (revenue 50–100 M yuan)', lg_xin_rd_small: 'Innovative: equity, R&D and staff (revenue < 50 M yuan)',
  lg_xin_institution: 'Innovative: R&D institution', lg_xin_ip: 'Innovative: ≥ 2 class-I IP rights in use', lg_lian: 'Chain: key link of an industrial chain', lg_pin: 'Product: key field',
  lg_direct_award: 'Direct: national science and technology award', lg_direct_chuangke: 'Direct: Maker China top 50',
  spe26_title: 'Innovative SME title held', spe26_niche: 'Niche market ≥ 3 years', spe26_revenue: 'Revenue ≥ 15 M yuan or equity ≥ 20 M yuan', spe26_main_share: 'Main business ≥ 80 %', spe26_debt: 'Debt ratio ≤ 80 %',
  spe26_rd: 'R&D ≥ 1 M yuan and ≥ 3 % each of 2 years', spe26_ip: '≥ 1 class-I IP right in use', spe26_quality: 'Quality evaluation score ≥ 50',
  lg26_title: 'Provincial specialised SME title held', lg26_niche: 'Niche market ≥ 3 years', lg26_revenue: 'Revenue ≥ 50 M yuan', lg26_main_share: 'Main business ≥ 90 %', lg26_growth: 'Main revenue CAGR ≥ 5 %',
  lg26_debt: 'Debt ratio ≤ 75 %', lg26_rd: 'R&D ≥ 12 M yuan over 2 years, ≥ 3 % each year', lg26_ip: '≥ 4 class-I IP rights', lg26_share: 'Niche share ≥ 10 % or top 3', lg26_field: 'Key field or key chain link', lg26_quality: 'Quality evaluation score ≥ 60',
};

const GROUP_EN: Record<string, string> = { innovation: 'Innovation', growth: 'Growth', specialisation: 'Specialisation', specialization: 'Specialisation', refinement: 'Refinement', feature: 'Distinctiveness' };

/** Chinese names of every key of every rule set (the newest text wins for a key used twice). */
const ZH = new Map<string, string>([['score', '总分'], ['requirements', '满足全部条件']]);
for (const set of GRADIENT_RULE_SETS) {
  for (const tier of set.tiers) {
    for (const [g, name] of Object.entries(tier.scoring?.groupNames ?? {})) ZH.set(`group:${g}`, `${name}得分`);
    for (const i of tier.scoring?.indicators ?? []) ZH.set(i.key, i.name);
    for (const c of [...tier.requirements, ...tier.directRoutes.routes]) ZH.set(c.key, c.text);
  }
}

/** The label of a rule key (`group:<g>` for a part score, `direct:<key>` for a direct route); unknown keys label themselves. */
export function ruleKeyLabel(key: string): KeyLabel {
  if (key.startsWith('direct:')) {
    const inner = ruleKeyLabel(key.slice('direct:'.length));
    return { key, zh: `直通：${inner.zh}`, en: inner.en.startsWith('Direct: ') ? inner.en : `Direct: ${inner.en}` };
  }
  if (key.startsWith('group:')) {
    const g = key.slice('group:'.length);
    return { key, zh: ZH.get(key) ?? key, en: `${GROUP_EN[g] ?? g} score` };
  }
  return { key, zh: ZH.get(key) ?? key, en: EN[key] ?? ZH.get(key) ?? key };
}

/** Every key with a label (tests check that none is missing). */
export function labelledKeys(): string[] {
  return [...ZH.keys()];
}
