/**
 * Assessment → action (DC-1): what a weak digital dimension or a failed gradient indicator asks
 * for, as a query for the platform's listings. Pure data: a theme is a gap in words (title, the
 * phrases a listing that answers it would carry, guidance), the listing kinds that can answer it,
 * and the financing it may call for. Ours (not policy): the words are tuned on the demo listings.
 */
import type { NextStep } from '../../../contracts/assessment.js';

/** Platform listings a theme can be answered by. */
export type ListingKind = Extract<NextStep['kind'], 'solution' | 'resource' | 'challenge' | 'expert' | 'financing'>;

export interface ActionTheme {
  key: string;
  /** What to raise, as the step says it. */
  title: string;
  /** Phrases a listing answering the gap carries (the query's product field). */
  phrases: readonly string[];
  /** Guidance (the query's description field, and the step's detail). */
  advice: string;
  kinds: readonly ListingKind[];
  /** Financing that fits the gap (shown as a financing step; bank products plug in here). */
  financing: string | null;
}

/** Themes of the gradient indicators and conditions (keys are matched by their suffix after the tier prefix). */
export const GRADIENT_THEMES: readonly (ActionTheme & { matches: RegExp })[] = [
  {
    key: 'rd', matches: /(^|_)(rd|rd_ratio|rd_staff|rd_institution|req_rd|xin_rd_\w+|xin_institution|direct_rd_institution)$/, title: '研发投入与研发能力',
    phrases: ['研发', '技术攻关', '检测', '实验室', '中试', '产学研'], advice: '提高研发投入占比、配备研发人员、建立研发机构；可借用共享实验室与检测设备，参与揭榜挂帅攻关，请专家诊断研发体系。',
    kinds: ['resource', 'challenge', 'expert'], financing: '研发贷、科技型中小企业贷款',
  },
  {
    key: 'ip', matches: /(^|_)(ip|xin_ip)$/, title: '知识产权',
    phrases: ['知识产权', '专利', '发明专利', '成果转化'], advice: '围绕主导产品布局发明专利等Ⅰ类知识产权；请知识产权专家梳理可申请的技术点。',
    kinds: ['expert', 'challenge'], financing: '知识产权质押融资',
  },
  {
    key: 'digital', matches: /(^|_)digital$/, title: '数字化水平',
    phrases: ['数字化', '数字化转型', '生产管控', '上云'], advice: '完成中小企业数字化水平评测，达到三级可在专精特新评分中得满分；选用“小快轻准”数字化解决方案。',
    kinds: ['solution', 'expert'], financing: '技术改造贷款',
  },
  {
    key: 'quality', matches: /(^|_)(quality|jing_system|jing_cert)$/, title: '质量管理与体系认证',
    phrases: ['质量管理', '质量检测', '体系认证', '精益生产'], advice: '建立并通过质量管理体系认证，用检测数据改进产品合格率。',
    kinds: ['solution', 'resource', 'expert'], financing: null,
  },
  {
    key: 'growth', matches: /(^|_)(growth|margin|debt|jing_debt|zhuan_growth|req_revenue|revenue)$/, title: '经营效益与成长性',
    phrases: ['市场拓展', '供应链', '降本增效', '订单'], advice: '拓展订单、控制成本与负债；在供需对接中响应大企业需求。',
    kinds: ['expert', 'challenge'], financing: '流动资金贷款、供应链金融（应收账款融资）',
  },
  {
    key: 'niche', matches: /(^|_)(niche|req_niche|share|main_share|field|zhuan_share|zhuan_niche|te_share|lian|pin)$/, title: '细分市场与产业链配套',
    phrases: ['产业链配套', '细分市场', '关键零部件', '补短板'], advice: '聚焦主营业务和细分产品，为产业链龙头配套；通过揭榜挂帅和供需对接进入大企业供应链。',
    kinds: ['challenge', 'expert'], financing: null,
  },
  {
    key: 'brand', matches: /(^|_)te_brand$/, title: '自主品牌',
    phrases: ['品牌', '商标', '市场推广'], advice: '注册并经营自主品牌，争取品牌认定。',
    kinds: ['expert'], financing: null,
  },
];

/** The theme of a gradient indicator or condition key, if it has one (direct routes and basic conditions have none). */
export function gradientTheme(key: string): ActionTheme | undefined {
  if (/direct_(award|chuangke|equity|title)$|^is_sme$|^baseline_/.test(key)) return undefined;
  return GRADIENT_THEMES.find((t) => t.matches.test(key));
}

/** Phrases and listing kinds per digital dimension (the dimension's advice is the guidance). */
export const DIGITAL_THEMES: Readonly<Record<string, Pick<ActionTheme, 'phrases' | 'kinds' | 'financing'>>> = {
  foundation: { phrases: ['设备联网', '数据采集', '工业互联网', '上云', '网络安全', '数据安全'], kinds: ['solution', 'expert', 'resource'], financing: '技术改造贷款' },
  management: { phrases: ['数字化管理', 'ERP', '数字化人才', '协同办公'], kinds: ['solution', 'expert'], financing: null },
  results: { phrases: ['能耗管理', '质量管理', '降本增效', '精益生产'], kinds: ['solution', 'expert', 'resource'], financing: null },
};

/** A dimension without its own entry (a future form's). */
export const DEFAULT_DIGITAL_THEME: Pick<ActionTheme, 'phrases' | 'kinds' | 'financing'> = { phrases: [], kinds: ['solution', 'expert'], financing: null };
