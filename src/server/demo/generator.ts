/**
 * Deterministic generator of realistic (fictional) Chinese enterprises for the demo data set and
 * the benchmarks.
 *
 * Everything is drawn from one seeded PRNG (sfc32), so a seed always gives the same rows, and the
 * first N rows of a run do not depend on `count`. Figures are drawn inside the bands of a size
 * class chosen first, so {@link classifyEnterpriseSize} of a row's figures is that class.
 * Names and USCCs are unique within a run and never equal those of {@link DEMO_ANCHORS}, so a
 * seeder can insert the anchors and a generated set side by side.
 */
import type { EnterpriseTag } from '../../contracts/enterprises.js';
import {
  SIZE_RULES,
  sizeCategoryOf,
  type EnterpriseSize,
  type RatedSizeCategory,
  type SizeIndicator,
  type SizeThresholds,
} from '../platform/enterprise-size.js';
import { findIndustry } from '../platform/industries.js';
import { findRegion, REGION_ROOT, regionAncestors, regionChildren, type Region } from '../platform/regions.js';
import { normaliseName } from '../platform/text.js';
import { makeUscc, USCC_ALPHABET } from '../platform/uscc.js';

/** One generated enterprise, in the units of the import file (money in 万元). */
export interface DemoEnterprise {
  /** Valid 统一社会信用代码; positions 3–8 are `regionCode`. */
  uscc: string;
  name: string;
  /** County-level GB/T 2260 code (or a city without counties, such as 东莞 441900). */
  regionCode: string;
  /** Level-4 GB/T 4754-2017 code, e.g. `C3841`. */
  industryCode: string;
  /** 从业人员, persons. */
  employees: number;
  /** 营业收入, 万元, at most 2 decimals. */
  revenue: number;
  /** 资产总额, 万元, at most 2 decimals. */
  assets: number;
  products: string[];
  capabilities: string;
  tags: EnterpriseTag[];
}

/** A hand-written demo enterprise with a stable key the demo seeder refers to. */
export interface DemoAnchor extends DemoEnterprise {
  /** Stable handle for the seeder (users, chains, needs), e.g. `batteryLeader`. */
  key: string;
  /** Why it is in the demo. */
  note: string;
}

/** Options of {@link generateEnterprises} and {@link iterateEnterprises}. */
export interface GenerateOptions {
  /** Any integer; the same seed gives the same rows. */
  seed: number;
  /** Number of rows, 0 to {@link GENERATE_MAX}. */
  count: number;
  /**
   * Restrict to these regions (any level; each gets an equal share, spread evenly over its
   * county-level units). Default: a manufacturing-weighted mix centred on 江苏, 浙江, 广东 and 上海.
   */
  regionCodes?: string[];
}

/** Largest `count` accepted: the USCC body permutation stays exact in double arithmetic below it. */
export const GENERATE_MAX = 5_000_000;

/** Intended size mix of generated rows (sums to 1). */
export const SIZE_MIX: Readonly<Record<EnterpriseSize, number>> = { large: 0.02, medium: 0.12, small: 0.5, micro: 0.36 };

// ---------------------------------------------------------------------------------------------
// PRNG

/** sfc32 (Small Fast Counting PRNG), seeded through splitmix32; returns floats in [0, 1). */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) {
    next();
  }
  return next;
}

/** Helpers over one random stream. */
class Draw {
  constructor(readonly next: () => number) {}

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `k` distinct items in random order (all of them when k ≥ length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < k && pool.length > 0) {
      out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    }
    return out;
  }

  /** Log-uniform value in [min, max). */
  logUniform(min: number, max: number): number {
    return Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min)));
  }
}

/** Cumulative-weight table for weighted picks by binary search. */
class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly items: T[] = [];
  private total = 0;

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [item, weight] of entries) {
      if (weight > 0) {
        this.total += weight;
        this.items.push(item);
        this.cumulative.push(this.total);
      }
    }
    if (this.items.length === 0) {
      throw new Error('generator: empty weighted table');
    }
  }

  pick(draw: Draw): T {
    const target = draw.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return this.items[lo];
  }
}

// ---------------------------------------------------------------------------------------------
// Industries: what each kind of firm is called, makes and can do

/** One level-4 class of a profile, with the vocabulary that fits it better than the profile's. */
interface ClassSpec {
  code: string;
  /** Relative weight inside the profile. */
  weight: number;
  /** Products of this class; default the profile's. */
  products?: readonly string[];
  /** Industry words of names; default the profile's. */
  words?: readonly string[];
  /** Output phrase with a base count per 100 employees; default one of the profile's. */
  capacity?: readonly [template: string, perHundred: number];
}

function cls(code: string, weight: number, products?: readonly string[], words?: readonly string[], capacity?: readonly [string, number]): ClassSpec {
  return { code, weight, products, words, capacity };
}

/** How firms of one industry slice look. `{n}` in templates is a count scaled by headcount. */
interface IndustryProfile {
  /** Share of generated rows (relative weight). */
  weight: number;
  /** Level-4 codes drawn from. */
  classes: readonly ClassSpec[];
  /** Industry words of names (行业表述), e.g. 精密机械. */
  words: readonly string[];
  products: readonly string[];
  /** Facility phrases with a base count per 100 employees. */
  facilities: ReadonlyArray<readonly [template: string, perHundred: number]>;
  certifications: readonly string[];
  /** Output phrases with a base count per 100 employees. */
  capacities: ReadonlyArray<readonly [template: string, perHundred: number]>;
  customers: readonly string[];
  /** Revenue per employee, 万元 (min, max). */
  revenuePerEmployee: readonly [number, number];
  /** Assets / revenue (min, max). */
  assetsToRevenue: readonly [number, number];
  /** Whether the 专精特新 gradient tags and 高新技术 are common here. */
  isInnovationHeavy: boolean;
}

const PROFILES: readonly IndustryProfile[] = [
  {
    weight: 5,
    classes: [cls('C3841', 1)],
    words: ['新能源科技', '能源科技', '电池科技', '锂能科技', '储能科技'],
    products: ['锂电池电芯', '动力电池模组', '储能电池系统', '电池包(PACK)', '电池管理系统(BMS)', '磷酸铁锂电芯', '三元锂电芯', '电池结构件'],
    facilities: [['建有全自动电芯生产线{n}条', 0.3], ['拥有卷绕/叠片设备{n}台', 4], ['建有万级洁净车间{n}平方米', 2500], ['配置化成分容设备{n}套', 3]],
    certifications: ['IATF 16949', 'ISO 9001', 'ISO 14001', 'UL 1642', 'UN38.3'],
    capacities: [['年产动力电池{n}GWh', 0.1], ['年产储能电池系统{n}MWh', 15], ['年产电池模组{n}万套', 1.5]],
    customers: ['国内主流新能源整车企业', '储能系统集成商', '电动两轮车及工程机械厂商', '海外储能项目'],
    revenuePerEmployee: [60, 300],
    assetsToRevenue: [0.9, 2],
    isInnovationHeavy: true,
  },
  {
    weight: 8,
    classes: [
      cls('C3812', 3, ['永磁同步电机', '伺服电机', '高效节能电机', '新能源汽车驱动电机'], ['电机', '电机科技', '动力科技'], ['年产电机{n}万台', 2]),
      cls('C3813', 2, ['微特电机', '无刷直流电机', '步进电机', '空心杯电机'], ['微电机', '电机科技', '电器'], ['年产微特电机{n}万台', 30]),
      cls('C3823', 2, ['低压开关柜', '高压开关柜', '智能断路器', '环网柜'], ['电气', '电力科技', '电器'], ['年产开关柜{n}面', 60]),
      cls('C3824', 2, ['储能变流器(PCS)', '充电桩功率模块', '高压直流继电器', '电力电子变流器'], ['电力电子', '电气科技'], ['年产功率模块{n}万只', 3]),
      cls('C3825', 2, ['光伏逆变器', '光伏组件', '光伏接线盒', '光伏支架'], ['光伏科技', '新能源科技', '光能科技'], ['年产光伏组件{n}MW', 30]),
      cls('C3831', 1, ['特种电缆', '新能源汽车高压线缆', '光伏电缆', '控制电缆'], ['电缆', '线缆', '电线电缆'], ['年产电线电缆{n}万千米', 0.5]),
      cls('C3829', 1, ['电能质量治理装置', '智能配电终端', '母线槽'], ['电气', '电力科技'], ['年产配电设备{n}台套', 80]),
      cls('C3899', 1, ['电池管理系统(BMS)', '电机控制器', '储能能量管理系统(EMS)'], ['电气科技', '电子科技', '能源科技'], ['年产BMS主控板{n}万套', 4]),
      cls('C3849', 1, ['钠离子电池', '燃料电池电堆', '超级电容器'], ['电池科技', '能源科技', '氢能科技'], ['年产电池{n}万只', 20]),
    ],
    words: ['电气', '电机', '电气科技', '电力科技', '电器'],
    products: ['伺服电机', '变频器', '低压开关柜', '光伏逆变器'],
    facilities: [['拥有自动绕线机{n}台', 6], ['建有自动化装配线{n}条', 0.4], ['建有EMC实验室{n}个', 0.05], ['配置高低温老化房{n}间', 0.3]],
    certifications: ['ISO 9001', 'IATF 16949', 'CCC', 'CE', 'UL', 'ISO 14001'],
    capacities: [['年产{p}{n}万台', 1.5]],
    customers: ['工业机器人及数控机床厂商', '光伏及储能电站', '国家电网及南方电网项目', '新能源汽车电驱系统'],
    revenuePerEmployee: [40, 180],
    assetsToRevenue: [0.7, 1.6],
    isInnovationHeavy: true,
  },
  {
    weight: 12,
    classes: [
      cls('C3972', 2, ['功率半导体器件', 'IGBT模块', 'SiC MOSFET', '快恢复二极管'], ['半导体', '微电子'], ['年封装测试功率器件{n}万颗', 300]),
      cls('C3973', 2, ['模拟芯片', '电源管理芯片(PMIC)', 'MCU芯片', '芯片封装测试'], ['集成电路', '半导体', '微电子'], ['年封装测试芯片{n}万颗', 500]),
      cls('C3976', 2, ['光模块', '激光器芯片', '光纤连接器', '光电探测器'], ['光电科技', '光电', '光通信'], ['年产光模块{n}万只', 8]),
      cls('C3982', 3, ['印制电路板(PCB)', '柔性电路板(FPC)', 'HDI板', '汽车电子电路板'], ['电路科技', '电子'], ['年产PCB{n}万平方米', 3]),
      cls('C3983', 3, ['MEMS传感器', '压力传感器', '温度传感器', '电流传感器', '激光雷达'], ['传感技术', '传感器', '智能科技'], ['年产传感器{n}万只', 60]),
      cls('C3981', 1, ['片式多层陶瓷电容', '功率电感', '薄膜电容', '片式电阻'], ['电子', '电子元件'], ['年产片式元件{n}亿只', 0.5]),
      cls('C3985', 1, ['电子浆料', '溅射靶材', '覆铜板', '电子级玻纤布'], ['电子材料', '新材料'], ['年产电子材料{n}吨', 100]),
      cls('C3914', 1, ['工业控制器', '可编程逻辑控制器(PLC)', '工业平板电脑', '边缘计算网关'], ['工控科技', '智能科技', '自动化'], ['年产工业控制器{n}万台', 0.5]),
      cls('C3921', 1, ['5G小基站', '光传输设备', '工业交换机', '射频前端模组'], ['通信', '通信技术'], ['年产通信设备{n}万台', 0.5]),
      cls('C3962', 1, ['车载摄像头模组', '车载显示屏', '车载T-Box', '智能座舱域控制器'], ['汽车电子', '智能科技'], ['年产车载设备{n}万套', 5]),
      cls('C3989', 1, ['连接器', '继电器', '线束组件', '电子变压器'], ['电子', '电子科技'], ['年产电子元件{n}万只', 100]),
    ],
    words: ['电子', '电子科技', '智能科技'],
    products: ['电子元器件'],
    facilities: [['拥有SMT贴片线{n}条', 0.4], ['建有千级洁净车间{n}平方米', 1500], ['拥有自动光学检测(AOI)设备{n}台', 1.5], ['建有可靠性实验室{n}个', 0.05]],
    certifications: ['ISO 9001', 'IATF 16949', 'ISO 14001', 'AEC-Q100', 'AEC-Q101', 'ISO 45001'],
    capacities: [['年产{p}{n}万只', 60]],
    customers: ['消费电子品牌厂商', '新能源汽车及汽车电子一级供应商', '通信设备制造商', '工业自动化客户'],
    revenuePerEmployee: [40, 200],
    assetsToRevenue: [0.8, 2],
    isInnovationHeavy: true,
  },
  {
    weight: 12,
    classes: [
      cls('C3484', 4, ['精密结构件', '精密CNC加工件', '电池模组结构件', '半导体设备零部件', '机器人关节零部件'], ['精密机械', '精工', '精密制造', '机械'], ['年产精密零部件{n}万件', 40]),
      cls('C3451', 1, ['精密轴承', '交叉滚子轴承', '新能源汽车驱动电机轴承', '机器人关节轴承'], ['轴承', '精密轴承'], ['年产轴承{n}万套', 30]),
      cls('C3453', 2, ['谐波减速器', 'RV减速器', '精密行星减速机', '精密齿轮'], ['传动科技', '传动', '精密传动'], ['年产减速器{n}万台', 1]),
      cls('C3444', 2, ['液压油缸', '液压阀', '液压泵', '液压系统集成'], ['液压', '液压科技', '流体科技'], ['年产液压件{n}万件', 8]),
      cls('C3443', 1, ['工业阀门', '超低温阀门', '半导体级隔膜阀', '调节阀'], ['阀门', '流体控制'], ['年产阀门{n}万台', 1]),
      cls('C3441', 1, ['干式真空泵', '磁力泵', '真空腔体', '离心泵'], ['泵业', '真空科技', '流体科技'], ['年产泵类产品{n}万台', 0.5]),
      cls('C3421', 1, ['数控机床', '立式加工中心', '数控车床', '五轴联动加工中心'], ['机床', '数控机床', '智能装备'], ['年产数控机床{n}台', 30]),
      cls('C3425', 1, ['直线导轨', '滚珠丝杠', '电主轴', '数控转台'], ['精密机械', '机床附件'], ['年产功能部件{n}万件', 2]),
      cls('C3482', 1, ['高强度紧固件', '汽车紧固件', '不锈钢螺栓'], ['紧固件', '五金'], ['年产紧固件{n}吨', 300]),
      cls('C3481', 1, ['机械密封', '金属密封环', '波纹管密封'], ['密封科技', '密封件'], ['年产密封件{n}万件', 10]),
      cls('C3491', 1, ['工业机器人', '协作机器人', 'SCARA机器人', '机器人工作站'], ['机器人', '智能装备', '自动化'], ['年产工业机器人{n}台', 100]),
      cls('C3464', 1, ['工业冷水机组', '储能液冷机组', '热泵机组'], ['制冷设备', '冷链科技', '环境科技'], ['年产制冷设备{n}台', 120]),
    ],
    words: ['精密机械', '机械', '智能装备', '机电'],
    products: ['精密零部件'],
    facilities: [['拥有数控加工中心{n}台', 12], ['拥有五轴联动加工中心{n}台', 1.5], ['配置三坐标测量仪{n}台', 0.8], ['拥有精密磨床{n}台', 3]],
    certifications: ['ISO 9001', 'IATF 16949', 'ISO 14001', 'AS9100D', 'ISO 45001'],
    capacities: [['年产{p}{n}万件', 40]],
    customers: ['工程机械主机厂', '工业机器人企业', '新能源汽车零部件企业', '半导体设备厂商'],
    revenuePerEmployee: [30, 130],
    assetsToRevenue: [0.7, 1.6],
    isInnovationHeavy: true,
  },
  {
    weight: 10,
    classes: [
      cls('C3525', 3, ['注塑模具', '精密冲压模具', '压铸模具', '汽车覆盖件模具'], ['模具', '精密模具'], ['年产模具{n}套', 40]),
      cls('C3562', 2, ['晶圆清洗设备', '刻蚀设备零部件', '半导体设备零部件', '晶圆传输机器人', '真空腔体'], ['半导体设备', '半导体装备', '微电子装备'], ['年交付半导体设备{n}台套', 3]),
      cls('C3563', 1, ['锂电池生产设备', '卷绕机', '激光焊接设备', '电芯检测设备'], ['自动化设备', '智能装备'], ['年交付自动化设备{n}台套', 15]),
      cls('C3569', 1, ['SMT周边设备', '点胶机', '机器视觉检测设备', '分选机'], ['自动化', '电子设备'], ['年交付电子专用设备{n}台套', 15]),
      cls('C3523', 1, ['注塑机', '挤出机', '吹塑机'], ['塑料机械', '智能装备'], ['年产塑料机械{n}台', 20]),
      cls('C3544', 1, ['冻干机', '无菌灌装线', '制药用水设备'], ['制药装备', '智能装备'], ['年交付制药设备{n}台套', 10]),
      cls('C3581', 1, ['医用超声设备', '监护仪', '医用影像设备', '内窥镜'], ['医疗器械', '医疗科技'], ['年产医疗设备{n}台', 80]),
      cls('C3591', 1, ['环保除尘设备', 'VOCs废气处理设备', '工业废水处理设备'], ['环保科技', '环境科技', '环保设备'], ['年交付环保设备{n}台套', 10]),
      cls('C3599', 1, ['非标自动化设备', '专用检测设备', '自动化装配线'], ['智能装备', '装备科技', '自动化'], ['年交付自动化设备{n}台套', 15]),
    ],
    words: ['智能装备', '自动化', '装备科技'],
    products: ['专用设备'],
    facilities: [['拥有数控加工中心{n}台', 8], ['配置慢走丝线切割机{n}台', 2], ['建有设备总装车间{n}平方米', 2000], ['建有装配调试洁净间{n}平方米', 300]],
    certifications: ['ISO 9001', 'CE', 'ISO 14001', 'ISO 45001'],
    capacities: [['年交付{p}{n}台套', 15]],
    customers: ['动力电池企业', '半导体晶圆厂', '汽车零部件企业', '家电及消费电子制造商'],
    revenuePerEmployee: [30, 140],
    assetsToRevenue: [0.8, 1.8],
    isInnovationHeavy: true,
  },
  {
    weight: 8,
    classes: [
      cls('C3670', 6),
      cls('C3660', 1, ['车身冲压件', '专用挂车', '车厢总成'], ['车身', '汽车部件', '专用车'], ['年产车身总成{n}万套', 1]),
      cls('C3612', 1, ['新能源商用车', '新能源物流车', '电动专用车'], ['新能源汽车', '汽车'], ['年产整车{n}辆', 200]),
      cls('C3620', 1, ['增程器发动机', '柴油发动机', '发动机缸体'], ['动力', '动力科技', '发动机'], ['年产发动机{n}万台', 0.5]),
    ],
    words: ['汽车零部件', '汽车部件', '汽车电子', '车业科技', '汽车科技'],
    products: ['汽车线束', '制动系统', '转向节', '电驱动总成', '汽车座椅骨架', '铝合金压铸件', '热管理系统', '车身冲压件', '汽车空调管路', '电池托盘'],
    facilities: [['拥有冲压生产线{n}条', 0.3], ['拥有焊接机器人{n}台', 5], ['拥有压铸岛{n}个', 0.3], ['建有试验中心{n}平方米', 300]],
    certifications: ['IATF 16949', 'ISO 14001', 'ISO 45001', 'VDA 6.3'],
    capacities: [['年产{p}{n}万套', 4]],
    customers: ['国内主流整车企业', '合资品牌整车厂', '新能源汽车企业', '一级零部件供应商'],
    revenuePerEmployee: [40, 160],
    assetsToRevenue: [0.8, 1.7],
    isInnovationHeavy: false,
  },
  {
    weight: 5,
    classes: [
      cls('C2669', 2, ['锂电池电解液', '电解液添加剂', '特种胶粘剂'], ['新材料', '化学', '材料科技']),
      cls('C2662', 2, ['电子化学品', '光刻胶配套试剂', '电子级湿化学品', '水处理剂'], ['电子化学品', '化学', '新材料']),
      cls('C2641', 1, ['工业涂料', '粉末涂料', '汽车涂料'], ['涂料', '化工']),
      cls('C2651', 1, ['环氧树脂', '工程塑料粒子', '聚酰亚胺树脂'], ['新材料', '化工', '高分子材料']),
      cls('C2661', 1, ['化学试剂', '塑料助剂', '电镀添加剂'], ['化学', '化工']),
      cls('C2614', 1, ['有机中间体', '碳酸酯溶剂', '电子级溶剂'], ['化工', '化学']),
    ],
    words: ['化工', '新材料', '化学'],
    products: ['化工产品'],
    facilities: [['建有DCS自动化控制生产装置{n}套', 0.5], ['拥有反应釜{n}台', 6], ['建有分析检测中心{n}平方米', 150]],
    certifications: ['ISO 9001', 'ISO 14001', 'ISO 45001', '危险化学品安全生产许可'],
    capacities: [['年产{p}{n}吨', 400]],
    customers: ['锂电池制造企业', '半导体及显示面板企业', '汽车涂装线', '市政水处理项目'],
    revenuePerEmployee: [80, 400],
    assetsToRevenue: [0.8, 1.8],
    isInnovationHeavy: false,
  },
  {
    weight: 5,
    classes: [
      cls('C2710', 2, ['原料药', '医药中间体'], ['药业', '医药', '生物医药'], ['年产原料药{n}吨', 20]),
      cls('C2720', 2, ['化学药制剂', '口服固体制剂', '注射剂'], ['药业', '医药', '制药'], ['年产固体制剂{n}亿片', 0.5]),
      cls('C2761', 1, ['体外诊断试剂', '生物制剂', '单克隆抗体'], ['生物科技', '生物医药', '生物技术'], ['年产体外诊断试剂{n}万人份', 300]),
      cls('C2770', 1, ['医用敷料', '一次性医用耗材', '医用胶带'], ['医疗用品', '医疗科技'], ['年产医用敷料{n}万片', 500]),
      cls('C2780', 1, ['药用辅料', '药用包装材料', '预灌封注射器'], ['药用辅料', '医药包装', '医药科技'], ['年产药用辅料{n}吨', 50]),
    ],
    words: ['生物医药', '医药', '生物科技'],
    products: ['药品'],
    facilities: [['建有GMP洁净车间{n}平方米', 1200], ['拥有液相色谱仪{n}台', 2], ['建有中试车间{n}个', 0.05]],
    certifications: ['GMP', 'ISO 13485', 'ISO 9001', 'ISO 14001'],
    capacities: [['年产{p}{n}吨', 20]],
    customers: ['国内三甲医院', '医药流通企业', '海外制药企业', '第三方医学检验机构'],
    revenuePerEmployee: [50, 250],
    assetsToRevenue: [1, 2.2],
    isInnovationHeavy: true,
  },
  {
    weight: 5,
    classes: [
      cls('C2929', 3, ['精密注塑件', '工程塑料件', '塑料结构件'], ['塑胶', '橡塑', '塑业']),
      cls('C2913', 2, ['橡胶密封件', '汽车橡胶减震件', '氟橡胶O型圈'], ['橡胶制品', '橡塑', '密封科技']),
      cls('C2921', 1, ['锂电隔膜', '光学膜', '包装薄膜'], ['新材料', '薄膜科技', '高分子材料'], ['年产薄膜{n}万平方米', 200]),
      cls('C2922', 1, ['PVC管材', 'PE管材', '工程塑料板'], ['塑业', '管业']),
      cls('C2926', 1, ['塑料包装容器', '物流周转箱', '吹塑桶'], ['塑业', '包装科技']),
    ],
    words: ['橡塑', '塑胶', '新材料'],
    products: ['塑料制品'],
    facilities: [['拥有精密注塑机{n}台', 10], ['拥有硫化机{n}台', 5], ['建有十万级洁净生产车间{n}平方米', 800]],
    certifications: ['ISO 9001', 'IATF 16949', 'ISO 14001', 'UL'],
    capacities: [['年产{p}{n}万件', 150]],
    customers: ['汽车零部件企业', '家电制造商', '医疗器械企业', '消费电子组装厂'],
    revenuePerEmployee: [30, 120],
    assetsToRevenue: [0.7, 1.5],
    isInnovationHeavy: false,
  },
  {
    weight: 7,
    classes: [
      cls('C3399', 2, ['电池壳体', '电池托盘', '金属结构件'], ['金属制品', '精密制造', '金属科技']),
      cls('C3360', 2, ['阳极氧化加工', '真空热处理加工', '电镀加工', 'PVD涂层'], ['表面技术', '热处理', '金属科技'], ['年表面处理加工{n}万平方米', 10]),
      cls('C3392', 1, ['铝合金压铸件', '铝合金铸件', '镁合金压铸件'], ['精密压铸', '压铸', '铝业']),
      cls('C3393', 1, ['粉末冶金零件', '精密锻件', '金属注射成形(MIM)件'], ['粉末冶金', '锻造', '精密锻造']),
      cls('C3391', 1, ['球墨铸铁件', '灰铸铁件', '精密铸钢件'], ['铸造', '铸业']),
      cls('C3311', 1, ['钢结构件', '设备机架', '钢结构厂房'], ['钢结构', '金属结构']),
      cls('C3321', 1, ['硬质合金刀具', '数控刀片', '精密刀具'], ['刀具', '工具']),
      cls('C3333', 1, ['金属包装罐', '钢桶', '电池钢壳'], ['金属包装', '制罐']),
    ],
    words: ['金属制品', '精密五金', '五金'],
    products: ['金属制品'],
    facilities: [['拥有冲床{n}台', 8], ['拥有压铸机{n}台', 1.5], ['建有表面处理生产线{n}条', 0.3], ['拥有激光切割机{n}台', 1.5]],
    certifications: ['ISO 9001', 'IATF 16949', 'ISO 14001', 'ISO 45001'],
    capacities: [['年产{p}{n}万件', 100]],
    customers: ['动力电池企业', '通信设备制造商', '汽车零部件企业', '工程机械主机厂'],
    revenuePerEmployee: [30, 120],
    assetsToRevenue: [0.6, 1.4],
    isInnovationHeavy: false,
  },
  {
    weight: 4,
    classes: [
      cls('C4011', 2, ['工业自动控制系统', '分布式控制系统(DCS)', '智能执行器'], ['自动化', '测控技术', '控制技术']),
      cls('C4014', 1, ['气相色谱仪', '光谱分析仪', '气体分析仪'], ['分析仪器', '仪器']),
      cls('C4015', 1, ['材料试验机', '疲劳试验机', '电池测试设备'], ['试验设备', '检测技术']),
      cls('C4016', 1, ['电磁流量计', '智能水表', '智能燃气表'], ['仪表', '智能仪表']),
      cls('C4028', 1, ['示波器', '信号发生器', '可编程电子负载'], ['仪器', '测控技术', '电子测量']),
    ],
    words: ['仪器', '仪表', '测控技术'],
    products: ['仪器仪表'],
    facilities: [['建有计量校准实验室{n}个', 0.05], ['拥有SMT贴片线{n}条', 0.2], ['建有整机装配调试车间{n}平方米', 800]],
    certifications: ['ISO 9001', 'CMC计量器具型式批准', 'CE', 'ISO 14001'],
    capacities: [['年产{p}{n}台套', 300]],
    customers: ['石化及化工企业', '动力电池企业', '高校及科研院所', '电力及水务公司'],
    revenuePerEmployee: [30, 130],
    assetsToRevenue: [0.8, 1.6],
    isInnovationHeavy: true,
  },
  {
    weight: 7,
    classes: [
      cls('I6513', 3, ['工业软件', 'MES系统', '质量管理系统(QMS)', '仓储管理系统(WMS)', '供应链管理系统'], ['软件', '工业软件', '信息技术']),
      cls('I6511', 1, ['工业实时数据库', '嵌入式操作系统', '国产数据库中间件'], ['软件', '信息技术']),
      cls('I6520', 1, ['芯片设计服务', '模拟芯片设计', 'MCU芯片设计'], ['微电子', '集成电路', '芯片科技']),
      cls('I6531', 2, ['工厂信息化集成', 'ERP实施服务', '智能工厂整体解决方案'], ['信息技术', '数字科技', '智能科技']),
      cls('I6532', 1, ['设备物联网网关', '工业互联网平台', '能耗监测系统'], ['物联网科技', '智能科技', '网络科技']),
      cls('I6540', 1, ['IT运维服务', '数据中心运维', '工业网络安全运维'], ['信息技术', '网络科技']),
      cls('I6560', 1, ['数字化转型咨询', '智能制造诊断', '数字孪生平台'], ['数字科技', '信息技术', '数据科技']),
    ],
    words: ['软件', '信息技术', '数字科技'],
    products: ['工业软件'],
    facilities: [['拥有软件著作权{n}项', 15], ['建有研发中心{n}平方米', 400]],
    certifications: ['CMMI 3级', 'ISO 27001', 'ISO 20000', 'ISO 9001', '信息系统建设和服务能力CS2级'],
    capacities: [['已服务制造企业{n}家', 60], ['平台接入设备{n}万台', 2]],
    customers: ['离散制造企业', '汽车及零部件工厂', '电子制造服务(EMS)企业', '产业园区管委会'],
    revenuePerEmployee: [15, 80],
    assetsToRevenue: [0.4, 1.2],
    isInnovationHeavy: true,
  },
  {
    weight: 2,
    classes: [cls('M7320', 3), cls('M7310', 1), cls('M7340', 1, ['医学检测技术开发', '临床前研究服务', '医疗器械注册检验'], ['医学研究院', '生物技术研究院'])],
    words: ['技术研究院', '新材料研究院', '工程技术', '科技发展', '产业技术研究院'],
    products: ['技术开发服务', '检测认证服务', '中试验证服务', '工艺技术咨询', '科技成果转化服务'],
    facilities: [['建有公共技术服务平台{n}个', 0.2], ['拥有大型科研仪器{n}台套', 8], ['建有中试基地{n}平方米', 600]],
    certifications: ['CNAS实验室认可', 'CMA资质认定', 'ISO 9001'],
    capacities: [['年承接技术开发项目{n}项', 12], ['年出具检测报告{n}份', 600]],
    customers: ['地方重点产业链企业', '高校及科研院所', '专精特新中小企业'],
    revenuePerEmployee: [10, 60],
    assetsToRevenue: [0.8, 2],
    isInnovationHeavy: true,
  },
  {
    weight: 4,
    classes: [
      cls('F5179', 2, ['电子元器件分销', '工业自动化产品', '仪器仪表'], ['电子', '供应链', '机电设备']),
      cls('F5174', 1, ['五金工具', '紧固件', '劳保用品'], ['五金', '商贸']),
      cls('F5175', 1, ['电工电气产品', '低压电器', '电线电缆'], ['电气', '机电设备', '商贸']),
      cls('F5176', 1, ['计算机及外设', '服务器', '工业软件授权'], ['信息技术', '电脑', '商贸']),
      cls('F5164', 1, ['金属材料', '铝型材', '不锈钢板材'], ['金属材料', '物资', '商贸']),
      cls('F5169', 1, ['化工原料', '工业溶剂', '塑料粒子'], ['化工', '化工贸易', '商贸']),
      cls('F5172', 1, ['汽车零配件', '汽车电子配件'], ['汽配', '汽车配件', '商贸']),
    ],
    words: ['贸易', '供应链', '商贸', '国际贸易', '进出口'],
    products: ['工业品分销'],
    facilities: [['自有仓储面积{n}平方米', 3000], ['拥有配送车辆{n}辆', 5]],
    certifications: ['ISO 9001', 'AEO高级认证'],
    capacities: [['年分销SKU{n}个', 2000], ['年进出口额{n}万美元', 300]],
    customers: ['长三角制造企业', '电子制造服务(EMS)企业', '建筑及安装工程公司'],
    revenuePerEmployee: [150, 1500],
    assetsToRevenue: [0.2, 0.7],
    isInnovationHeavy: false,
  },
  {
    weight: 2,
    classes: [
      cls('G5431', 3, ['整车运输', '零担物流', '入厂物流(VMI)']),
      cls('G5433', 1, ['集装箱运输', '港口集疏运'], ['集装箱运输', '物流']),
      cls('G5437', 1, ['城市配送', '冷链配送'], ['城市配送', '物流', '供应链管理']),
      cls('G5435', 1, ['危化品运输', '化工品物流'], ['危险品运输', '物流']),
    ],
    words: ['物流', '供应链管理', '运输', '货运'],
    products: ['道路货物运输'],
    facilities: [['拥有自有货运车辆{n}辆', 30], ['运营分拨中心{n}个', 0.5]],
    certifications: ['ISO 9001', '道路运输经营许可', 'AAAA级物流企业'],
    capacities: [['年货运量{n}万吨', 5], ['日均配送{n}单', 800]],
    customers: ['汽车主机厂', '电商及快消企业', '化工园区企业'],
    revenuePerEmployee: [20, 80],
    assetsToRevenue: [0.5, 1.3],
    isInnovationHeavy: false,
  },
];

for (const profile of PROFILES) {
  for (const spec of profile.classes) {
    if (findIndustry(spec.code)?.level !== 4) {
      throw new Error(`generator: ${spec.code} is not a level-4 GB/T 4754 code`);
    }
  }
}

const PROFILE_TABLE = new Weighted(PROFILES.map((p) => [p, p.weight] as const));
/** Size category of every class the profiles use (all rated: 工业, 软件, 批发, 交通运输, 其他). */
const CATEGORY_OF = new Map<string, RatedSizeCategory>(
  PROFILES.flatMap((p) => p.classes).map((spec) => {
    const category = sizeCategoryOf(spec.code)?.category;
    if (!category || !(category in SIZE_RULES)) {
      throw new Error(`generator: ${spec.code} has no rated size category`);
    }
    return [spec.code, category as RatedSizeCategory];
  }),
);

const CLASS_TABLES = new Map(PROFILES.map((p) => [p, new Weighted(p.classes.map((spec) => [spec, spec.weight] as const))]));

// ---------------------------------------------------------------------------------------------
// Regions

/** Default mix: cities (or provinces) with relative weights; `REGION_ROOT` stands for "anywhere else". */
const DEFAULT_REGION_WEIGHTS: ReadonlyArray<readonly [code: string, weight: number]> = [
  ['320500', 16], ['320200', 8], ['320400', 6], ['320100', 6], ['320600', 2], ['321000', 1], ['320300', 1],
  ['330200', 6], ['330100', 6], ['330600', 2], ['330400', 1], ['330700', 1], ['331000', 1],
  ['440300', 7], ['441900', 4], ['440600', 4], ['442000', 1], ['440100', 2],
  ['310000', 8],
  ['340100', 3], ['420100', 3], ['510100', 3], ['500000', 2], ['610100', 2], ['370200', 2], ['370100', 1],
  ['120000', 2], ['110000', 2], ['350200', 1], ['430100', 2], ['410100', 1], ['210200', 1], ['360100', 1],
  [REGION_ROOT, 3],
];

/** County weights inside their city (default 1): industrial parks up, old town centres down. */
const COUNTY_WEIGHTS: Readonly<Record<string, number>> = {
  '320571': 3, '320583': 3, '320506': 2, '320509': 2, '320581': 2, '320582': 2, '320505': 2, '320508': 0.3,
  '320214': 3, '320281': 2, '320206': 2, '320213': 0.3,
  '320411': 2, '320412': 3, '320115': 3, '320111': 1.5, '320102': 0.2, '320104': 0.2, '320106': 0.2,
  '330206': 2, '330212': 2, '330108': 2, '330110': 2, '330109': 2, '330102': 0.3,
  '440306': 3, '440307': 2, '440305': 2, '440309': 2, '440303': 0.3, '440304': 0.5,
  '310115': 3, '310114': 2, '310112': 2, '310117': 2, '310101': 0.2, '310106': 0.3, '310104': 0.3,
};

/** Provinces left out of "anywhere else": 台湾, 香港, 澳门 register under other schemes. */
const EXCLUDED_PROVINCES = new Set(['710000', '810000', '820000']);

/** County-level units under `code` (the code itself when it has none, e.g. 东莞 441900). */
function leafRegions(code: string): Region[] {
  const children = regionChildren(code);
  if (children.length === 0) {
    const region = findRegion(code);
    return region ? [region] : [];
  }
  return children.flatMap((child) => leafRegions(child.code));
}

function regionTable(codes: readonly string[] | undefined): Weighted<string> {
  const entries: Array<readonly [string, number]> = [];
  if (codes === undefined) {
    for (const [code, weight] of DEFAULT_REGION_WEIGHTS) {
      if (code === REGION_ROOT) {
        const others = regionChildren(null)
          .filter((p) => !EXCLUDED_PROVINCES.has(p.code) && !DEFAULT_REGION_WEIGHTS.some(([c]) => c.slice(0, 2) === p.code.slice(0, 2)))
          .flatMap((p) => leafRegions(p.code));
        others.forEach((leaf) => entries.push([leaf.code, weight / others.length]));
        continue;
      }
      const leaves = leafRegions(code);
      const sum = leaves.reduce((s, leaf) => s + (COUNTY_WEIGHTS[leaf.code] ?? 1), 0);
      leaves.forEach((leaf) => entries.push([leaf.code, (weight * (COUNTY_WEIGHTS[leaf.code] ?? 1)) / sum]));
    }
    return new Weighted(entries);
  }
  if (codes.length === 0) {
    throw new Error('generator: regionCodes is empty');
  }
  for (const code of codes) {
    const leaves = code === REGION_ROOT ? regionChildren(null).flatMap((p) => leafRegions(p.code)) : leafRegions(code);
    if (leaves.length === 0) {
      throw new Error(`generator: unknown region code ${code}`);
    }
    leaves.forEach((leaf) => entries.push([leaf.code, 1 / leaves.length]));
  }
  return new Weighted(entries);
}

/** Ethnic names in the names of autonomous regions and prefectures (广西壮族自治区, 黔东南苗族侗族自治州). */
const ETHNIC_SUFFIX =
  /(蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|景颇|羌|柯尔克孜)族?$/;

/** 苏州 from 苏州市, 广西 from 广西壮族自治区, 黔东南 from 黔东南苗族侗族自治州, 内蒙古 stays. */
function shortName(name: string): string {
  let short = name.replace(/(特别行政区|自治区|自治州|地区|省|市|盟)$/, '');
  for (let stripped = short.replace(ETHNIC_SUFFIX, ''); stripped !== short && stripped.length >= 2; stripped = short.replace(ETHNIC_SUFFIX, '')) {
    short = stripped;
  }
  return short.length >= 2 ? short : name;
}

const placeCache = new Map<string, string>();

/** Place word of a company name: county-level cities keep their own name (昆山), others their city's (苏州). */
function placeName(regionCode: string): string {
  let place = placeCache.get(regionCode);
  if (place === undefined) {
    const region = findRegion(regionCode)!;
    const ancestors = regionAncestors(regionCode);
    if (region.level === 'county' && region.name.endsWith('市')) {
      place = shortName(region.name);
    } else if (region.level === 'county') {
      place = shortName((ancestors[ancestors.length - 1] ?? region).name);
    } else {
      place = shortName(region.name);
    }
    placeCache.set(regionCode, place);
  }
  return place;
}

function provinceName(regionCode: string): string {
  return shortName(findRegion(`${regionCode.slice(0, 2)}0000`)?.name ?? placeName(regionCode));
}

// ---------------------------------------------------------------------------------------------
// Names

const BRAND_FIRST = [
  '汇', '恒', '精', '华', '博', '鼎', '盛', '瑞', '新', '宏', '昌', '泰', '卓', '鑫', '嘉', '永', '创', '星', '德', '信',
  '铭', '合', '凯', '誉', '正', '安', '荣', '联', '锐', '耀', '晟', '弘', '启', '晶', '捷', '海', '远', '宇', '振', '兴',
  '腾', '峰', '奥', '佳', '通', '亿', '拓', '维', '航', '骏', '聚', '祥', '澜', '沣', '睿', '辰', '越', '科', '力', '川',
] as const;
const BRAND_SECOND = [
  '川', '立', '研', '辰', '众', '泰', '达', '源', '丰', '诚', '宇', '驰', '捷', '盛', '航', '创', '威', '通', '锋', '瑞',
  '德', '鑫', '辉', '远', '峰', '嘉', '晟', '联', '力', '恒', '睿', '芯', '微', '磊', '昊', '阳', '明', '宸', '图', '迈',
  '越', '凯', '鸿', '润', '益', '帆', '能', '光', '工', '博', '拓', '科', '邦', '锦', '汇', '菱', '铂', '钧', '纳', '澄',
] as const;

/** 字号 of well-known real companies: never generated, so demo names stay fictional. */
const RESERVED_BRANDS = new Set([
  '汇川', '恒立', '博众', '华为', '中兴', '海尔', '格力', '美的', '联想', '华星', '星宇', '拓普', '汇顶', '卓胜', '立讯',
  '歌尔', '德赛', '恒瑞', '亿纬', '欣旺', '华友', '科达', '晶科', '天合', '通威', '华工', '海康', '宇通', '长城', '长安',
  '力星', '远东', '亨通', '中天', '永鼎', '华辰', '精研', '科博', '创维', '晶澳', '鼎龙', '安克', '先导', '新宙', '瑞声',
  '华润', '华能', '华电', '中联', '启明', '锐科', '奥特', '德力', '瑞泰', '华信', '通达', '汇通', '华海', '海辰', '博威',
  '嘉立', '明阳', '泰达', '凯盛', '宏达', '盛达', '信达', '安达', '正泰', '德创', '恒通', '宏发', '海德', '精达', '振华',
]);

const BRANDS: readonly string[] = BRAND_FIRST.flatMap((first) => BRAND_SECOND.filter((second) => second !== first).map((second) => first + second)).filter(
  (brand) => !RESERVED_BRANDS.has(brand),
);

/** Draws a company name: 〈place〉〈字号〉〈行业表述〉〈组织形式〉 or one of the common variants. */
function drawName(draw: Draw, input: { words: readonly string[]; regionCode: string; size: EnterpriseSize; attempt: number }): string {
  const { words, regionCode, size, attempt } = input;
  let brand = draw.pick(BRANDS);
  if (attempt >= 2) {
    // Later attempts use three-character 字号, a much larger space.
    brand += draw.pick(BRAND_SECOND);
  }
  const word = draw.pick(words);
  const isLarge = size === 'large' || size === 'medium';
  const roll = draw.next();
  let form: string;
  if (roll < (isLarge ? 0.45 : size === 'small' ? 0.06 : 0.02)) {
    form = '股份有限公司';
  } else if (!/(科技|技术|研究院)$/.test(word) && roll < (isLarge ? 0.6 : 0.3)) {
    form = '科技有限公司';
  } else {
    form = '有限公司';
  }
  const layout = draw.next();
  if (layout < 0.12) {
    return `${brand}${word}（${placeName(regionCode)}）${form}`;
  }
  if (layout < 0.17 && isLarge) {
    return `${provinceName(regionCode)}${brand}${word}${form}`;
  }
  return `${placeName(regionCode)}${brand}${word}${form}`;
}

const ORDINALS = ['二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** 53-bit hash (cyrb53) of a string: a compact key for the uniqueness set of a large run. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

// ---------------------------------------------------------------------------------------------
// Figures

type Band = { lo: number; hi: number };

function bandOf(t: SizeThresholds, size: EnterpriseSize): Band {
  switch (size) {
    case 'large':
      return { lo: t.large, hi: Infinity };
    case 'medium':
      return { lo: t.medium, hi: t.large };
    case 'small':
      return { lo: t.small, hi: t.medium };
    case 'micro':
      return { lo: 0, hi: t.small };
  }
}

/** Headcount ranges used when a category does not rate employees (never for the built-in profiles). */
const FREE_EMPLOYEES: Readonly<Record<EnterpriseSize, Band>> = {
  large: { lo: 1000, hi: 8000 },
  medium: { lo: 300, hi: 1000 },
  small: { lo: 20, hi: 300 },
  micro: { lo: 2, hi: 20 },
};

/**
 * An amount in 万元 with 2 decimals, log-uniform in `wanted` ∩ `band` (the band wins when they do
 * not overlap), strictly inside the band: the upper bound is exclusive in the rules.
 */
function drawAmount(draw: Draw, wanted: Band, band: Band | undefined): number {
  let lo = wanted.lo;
  let hi = wanted.hi;
  if (band) {
    if (hi <= band.lo) {
      lo = band.lo;
      hi = Number.isFinite(band.hi) ? Math.min(band.hi, band.lo * 1.6) : band.lo * 1.6;
    } else if (lo >= band.hi) {
      hi = band.hi;
      lo = Math.max(band.lo, band.hi / 1.6);
    } else {
      lo = Math.max(lo, band.lo);
      hi = Math.min(hi, band.hi);
    }
  }
  let cents = Math.floor(draw.logUniform(Math.max(lo, 1), Math.max(hi, 1.01)) * 100);
  if (band) {
    cents = Math.max(cents, Math.ceil(band.lo * 100));
    if (Number.isFinite(band.hi)) {
      cents = Math.min(cents, Math.round(band.hi * 100) - 1);
    }
  }
  return Math.max(cents, 1) / 100;
}

interface Figures {
  employees: number;
  revenue: number;
  assets: number;
}

/** Figures of a firm of `size` in `category`: each rated indicator inside that size's band. */
function drawFigures(draw: Draw, input: { profile: IndustryProfile; category: RatedSizeCategory; size: EnterpriseSize }): Figures {
  const { profile, category, size } = input;
  const bands: Partial<Record<SizeIndicator, Band>> = {};
  for (const { indicator, thresholds } of SIZE_RULES[category].indicators) {
    bands[indicator] = bandOf(thresholds, size);
  }
  const employeeBand = bands.employees ?? FREE_EMPLOYEES[size];
  const minEmployees = Math.max(employeeBand.lo, size === 'micro' ? 2 : 1);
  const maxEmployees = Number.isFinite(employeeBand.hi) ? employeeBand.hi - 1 : employeeBand.lo * 8;
  const employees = Math.min(maxEmployees, Math.max(minEmployees, Math.floor(draw.logUniform(minEmployees, maxEmployees + 1))));
  const [rMin, rMax] = profile.revenuePerEmployee;
  const revenue = drawAmount(draw, { lo: employees * rMin, hi: employees * rMax }, bands.revenue);
  const [aMin, aMax] = profile.assetsToRevenue;
  const assets = drawAmount(draw, { lo: revenue * aMin, hi: revenue * aMax }, bands.assets);
  return { employees, revenue, assets };
}

// ---------------------------------------------------------------------------------------------
// Text and tags

function formatCount(value: number): string {
  if (value < 10) {
    return String(Math.max(0.1, Math.round(value * 10) / 10));
  }
  if (value < 1000) {
    return String(Math.round(value));
  }
  return String(Math.round(value / 100) * 100);
}

/** A template with `{n}` replaced by `perHundred` per 100 employees, ±40%, in a unit-fitting format. */
function fill(draw: Draw, template: string, scale: { perHundred: number; employees: number }): string {
  const { perHundred, employees } = scale;
  const value = perHundred * (employees / 100) * (0.6 + draw.next() * 0.8);
  const unit = template.slice(template.indexOf('{n}') + 3);
  let count: string;
  if (unit.startsWith('平方米')) {
    // Even a micro firm's workshop or lab is a room, not a cupboard.
    count = String(Math.max(60, Math.round(value / 10) * 10));
  } else if (/^[台条个套家项间辆面份单]/.test(unit)) {
    count = String(Math.max(1, Math.round(value)));
  } else {
    count = formatCount(value);
  }
  return template.replace('{n}', count);
}

const RD_PHRASES = ['建有市级企业技术中心', '建有省级企业技术中心', '建有省级工程技术研究中心', '与高校共建联合实验室', '设有博士后科研工作站'] as const;

interface CapabilityInput {
  profile: IndustryProfile;
  spec: ClassSpec;
  size: EnterpriseSize;
  employees: number;
  /** The firm's main product, for `{p}` in capacity templates. */
  mainProduct: string;
  tags: readonly EnterpriseTag[];
}

/** 企业能力 text composed from facilities, certifications, output, R&D and customers. */
function drawCapabilities(draw: Draw, input: CapabilityInput): string {
  const { profile, spec, size, employees, mainProduct, tags } = input;
  const parts: string[] = [];
  for (const [template, perHundred] of draw.sample(profile.facilities, size === 'micro' ? 1 : 2)) {
    parts.push(fill(draw, template, { perHundred, employees }));
  }
  const certs = draw.sample(profile.certifications, draw.int(1, size === 'micro' ? 1 : 3));
  parts.push(`通过${certs.join('、')}认证`);
  const [capacity, perHundred] = spec.capacity ?? draw.pick(profile.capacities);
  parts.push(fill(draw, capacity.replace('{p}', mainProduct.replace(/\(.*\)$/, '')), { perHundred, employees }));
  const isInnovative = tags.some((tag) => tag !== 'leader');
  if (isInnovative || size === 'large' || size === 'medium') {
    const patents = Math.max(1, Math.round((employees / 100) * (isInnovative ? 4 : 1.5) * (0.5 + draw.next())));
    parts.push(`拥有发明专利${Math.min(patents, 900)}项`);
    parts.push(`研发人员占比${draw.int(isInnovative ? 12 : 6, isInnovative ? 35 : 18)}%`);
    if (size !== 'micro' && draw.chance(0.5)) {
      parts.push(draw.pick(size === 'small' ? RD_PHRASES.slice(0, 2) : RD_PHRASES));
    }
  }
  parts.push(`产品主要配套${draw.pick(profile.customers)}`);
  return `${parts.join('，')}。`;
}

/**
 * Tags: the 梯度 tiers only for SMEs and nested (a 小巨人 is also 专精特新 and 创新型, as the rules
 * require the lower title first), with the revenue floors of policy-rules.md §2(b)/(c) roughly
 * respected; 链主 for about half of the large firms; 高新技术 for about a fifth overall.
 */
function drawTags(draw: Draw, input: { profile: IndustryProfile; size: EnterpriseSize; revenue: number }): EnterpriseTag[] {
  const { profile, size, revenue } = input;
  const tags: EnterpriseTag[] = [];
  if (size === 'large') {
    if (draw.chance(0.5)) {
      tags.push('leader');
    }
    if (draw.chance(profile.isInnovationHeavy ? 0.7 : 0.4)) {
      tags.push('high_tech');
    }
    return tags;
  }
  const boost = profile.isInnovationHeavy ? 1.35 : 0.6;
  const isLittleGiant = size === 'medium' && revenue >= 8000 && draw.chance(0.08 * boost);
  const isSpecialized = isLittleGiant || (revenue >= 1000 && draw.chance((size === 'medium' ? 0.12 : 0.075) * boost));
  const isInnovative = isSpecialized || draw.chance({ medium: 0.18, small: 0.1, micro: 0.06 }[size] * boost);
  if (isInnovative) {
    tags.push('innovative');
  }
  if (isSpecialized) {
    tags.push('specialized');
  }
  if (isLittleGiant) {
    tags.push('little_giant');
  }
  const highTechChance = isSpecialized ? 0.75 : isInnovative ? 0.45 : profile.isInnovationHeavy ? 0.14 : 0.05;
  if (draw.chance(highTechChance)) {
    tags.push('high_tech');
  }
  return tags;
}

// ---------------------------------------------------------------------------------------------
// USCC bodies

/** Size of the "MA" + 6-character body space (31^6); bodies below 10^8 are written as 8 digits instead. */
const BODY_SPACE = 31 ** 6;

/**
 * The 8-character body for a value in [0, BODY_SPACE): injective, so distinct values (from the
 * affine permutation of serials in {@link iterateSizedEnterprises}) give distinct USCCs.
 */
function bodyOf(value: number): string {
  if (value < 100_000_000) {
    // Pre-2015 style: the old 8-digit 组织机构代码 body.
    return String(value).padStart(8, '0');
  }
  let rest = value;
  let body = '';
  for (let i = 0; i < 6; i++) {
    body = USCC_ALPHABET[rest % 31] + body;
    rest = Math.floor(rest / 31);
  }
  return `MA${body}`;
}

// ---------------------------------------------------------------------------------------------
// Generation

/** A generated row with the size class its figures were drawn for. */
export interface SizedDemoEnterprise {
  enterprise: DemoEnterprise;
  /** Intended size; equals `classifyEnterpriseSize` of the figures. */
  size: EnterpriseSize;
}

const SIZE_TABLE = new Weighted(Object.entries(SIZE_MIX) as Array<[EnterpriseSize, number]>);

/**
 * Like {@link iterateEnterprises}, also yielding each row's intended size class (for tests and
 * seed reports).
 * @throws Error when `count` is out of range or a region code is unknown.
 */
export function* iterateSizedEnterprises(options: GenerateOptions): Generator<SizedDemoEnterprise> {
  const { seed, count } = options;
  if (!Number.isInteger(count) || count < 0 || count > GENERATE_MAX) {
    throw new Error(`generator: count must be an integer in 0..${GENERATE_MAX}, got ${count}`);
  }
  const draw = new Draw(createRandom(seed));
  const regions = regionTable(options.regionCodes);
  const multiplier = (() => {
    const m = 1 + Math.floor(draw.next() * (BODY_SPACE - 1));
    return m % 31 === 0 ? m + 1 : m;
  })();
  const offset = Math.floor(draw.next() * BODY_SPACE);
  const reservedBodies = new Set(DEMO_ANCHORS.map((anchor) => anchor.uscc.slice(8, 16)));
  const seenNames = new Set<number>(DEMO_ANCHORS.map((anchor) => hash53(normaliseName(anchor.name))));
  let serial = 0;

  for (let i = 0; i < count; i++) {
    const profile = PROFILE_TABLE.pick(draw);
    const spec = CLASS_TABLES.get(profile)!.pick(draw);
    const industryCode = spec.code;
    const regionCode = regions.pick(draw);
    const size = SIZE_TABLE.pick(draw);
    const category = CATEGORY_OF.get(industryCode)!;
    const { employees, revenue, assets } = drawFigures(draw, { profile, category, size });

    let name = '';
    let nameKey = 0;
    for (let attempt = 0; ; attempt++) {
      name = drawName(draw, { words: spec.words ?? profile.words, regionCode, size, attempt });
      nameKey = hash53(normaliseName(name));
      if (attempt >= 6) {
        // Give up on a fresh 字号: number the name, as registrars do for near-duplicates.
        const stem = name.replace(/(股份有限公司|科技有限公司|有限公司)$/, '');
        const form = name.slice(stem.length);
        for (let n = 0; seenNames.has(nameKey); n++) {
          name = `${stem}${n < ORDINALS.length ? ORDINALS[n] : n + 2}分${form}`;
          nameKey = hash53(normaliseName(name));
        }
      }
      if (!seenNames.has(nameKey)) {
        break;
      }
    }
    seenNames.add(nameKey);

    let body: string;
    do {
      body = bodyOf((multiplier * serial + offset) % BODY_SPACE);
      serial += 1;
    } while (reservedBodies.has(body));
    const uscc = makeUscc({ registrationDept: '9', orgCategory: '1', regionCode, body8: body });

    const tags = drawTags(draw, { profile, size, revenue });
    const products = draw.sample(spec.products ?? profile.products, draw.int(size === 'micro' ? 1 : 2, size === 'large' ? 5 : 3));
    const capabilities = drawCapabilities(draw, { profile, spec, size, employees, mainProduct: products[0], tags });
    yield { enterprise: { uscc, name, regionCode, industryCode, employees, revenue, assets, products, capabilities, tags }, size };
  }
}

/**
 * Streams `count` generated enterprises without holding them (only a hash per name is kept for
 * uniqueness, ~40 MB per million rows).
 * @throws Error when `count` is out of range or a region code is unknown.
 */
export function* iterateEnterprises(options: GenerateOptions): Generator<DemoEnterprise> {
  for (const row of iterateSizedEnterprises(options)) {
    yield row.enterprise;
  }
}

/**
 * `count` generated enterprises as an array; prefer {@link iterateEnterprises} for large counts.
 * @throws Error when `count` is out of range or a region code is unknown.
 */
export function generateEnterprises(options: GenerateOptions): DemoEnterprise[] {
  return [...iterateEnterprises(options)];
}

// ---------------------------------------------------------------------------------------------
// Anchors

/**
 * Fixed demo enterprises (fictional names) that the demo users and stories use. USCCs were made
 * with `makeUscc({ regionCode, body8 })` from the bodies noted beside them and are checked by the
 * tests. The story: a 苏州 battery chain leader and its SME suppliers in 吴中, 昆山 and 吴江; a
 * 无锡 semiconductor-equipment leader and its supplier, which a 苏州 gov user must not see.
 */
export const DEMO_ANCHORS: readonly DemoAnchor[] = [
  {
    key: 'batteryLeader',
    note: '链主: 苏州工业园区 power-battery maker; demo enterprise user of the large firm',
    uscc: '91320571MA1P3K7W9A', // body MA1P3K7W
    name: '苏州澜沣新能源科技股份有限公司',
    regionCode: '320571',
    industryCode: 'C3841',
    employees: 4860,
    revenue: 1268000,
    assets: 1583500,
    products: ['动力电池模组', '磷酸铁锂电芯', '储能电池系统', '电池包(PACK)'],
    capabilities:
      '建有全自动电芯生产线12条，年产动力电池20GWh，通过IATF 16949、ISO 14001认证，拥有发明专利326项，建有国家级企业技术中心，产品配套国内主流新能源整车企业及海外储能项目。',
    tags: ['leader', 'high_tech'],
  },
  {
    key: 'semiLeader',
    note: '链主: 无锡新吴区 semiconductor-equipment maker; outside 苏州, invisible to the 苏州 gov user',
    uscc: '91320214MA1R8D4N69', // body MA1R8D4N
    name: '无锡芯拓半导体装备股份有限公司',
    regionCode: '320214',
    industryCode: 'C3562',
    employees: 2630,
    revenue: 428600,
    assets: 612400,
    products: ['晶圆清洗设备', '刻蚀设备', '薄膜沉积设备', '半导体设备零部件'],
    capabilities:
      '建有千级洁净装配车间26000平方米，年交付前道工艺设备300台套，通过ISO 9001、SEMI S2认证，拥有发明专利188项，设有省级工程技术研究中心，产品配套国内12英寸晶圆厂。',
    tags: ['leader', 'high_tech'],
  },
  {
    key: 'precisionPartsSme',
    note: 'SME supplier of the battery leader in 苏州吴中区 (precision structural parts); demo SME user',
    uscc: '91320506MA1M2G8K8W', // body MA1M2G8K
    name: '苏州锐铭精密机械有限公司',
    regionCode: '320506',
    industryCode: 'C3484',
    employees: 186,
    revenue: 16850.5,
    assets: 14220,
    products: ['电池模组精密结构件', '精密CNC加工件', '自动化设备零部件'],
    capabilities:
      '拥有数控加工中心48台、五轴联动加工中心6台，配置三坐标测量仪3台，通过ISO 9001、IATF 16949认证，年产精密零部件120万件，拥有发明专利9项，研发人员占比16%，产品主要配套动力电池企业。',
    tags: ['innovative', 'specialized', 'high_tech'],
  },
  {
    key: 'bmsSme',
    note: 'SME in 昆山 making BMS for the battery leader; 专精特新“小巨人”',
    uscc: '91320583MA1N7H2C5B', // body MA1N7H2C
    name: '昆山智衡电子科技有限公司',
    regionCode: '320583',
    industryCode: 'C3899',
    employees: 426,
    revenue: 38560,
    assets: 35210.8,
    products: ['电池管理系统(BMS)', '储能能量管理系统(EMS)', '高压采样模块'],
    capabilities:
      '拥有SMT贴片线6条，建有EMC实验室和高低温老化房，通过IATF 16949、ISO 26262功能安全认证，年产BMS主控板150万套，拥有发明专利41项，研发人员占比32%，建有省级企业技术中心，产品配套动力电池及储能系统企业。',
    tags: ['innovative', 'specialized', 'little_giant', 'high_tech'],
  },
  {
    key: 'batteryHousingSme',
    note: 'SME in 苏州吴江区 making aluminium battery housings and trays for the battery leader',
    uscc: '91320509MA1Q4T6E61', // body MA1Q4T6E
    name: '苏州盛铝精密制造有限公司',
    regionCode: '320509',
    industryCode: 'C3399',
    employees: 258,
    revenue: 12630,
    assets: 10980,
    products: ['电池壳体', '电池托盘', '铝合金压铸件'],
    capabilities:
      '拥有压铸机12台、冲床36台，建有阳极氧化表面处理生产线2条，通过IATF 16949、ISO 14001认证，年产电池壳体600万只，拥有发明专利6项，研发人员占比11%，产品主要配套动力电池企业。',
    tags: ['innovative', 'specialized'],
  },
  {
    key: 'mesSoftwareSme',
    note: 'Software SME in 苏州工业园区 (MES for battery and parts plants)',
    uscc: '91320571MA1W5B3L6L', // body MA1W5B3L
    name: '苏州数衡工业软件有限公司',
    regionCode: '320571',
    industryCode: 'I6513',
    employees: 68,
    revenue: 865.3,
    assets: 720,
    products: ['MES系统', '质量管理系统(QMS)', '设备物联网网关'],
    capabilities: '拥有软件著作权42项，通过CMMI 3级、ISO 27001认证，已服务制造企业120家，研发人员占比68%，产品主要配套动力电池及汽车零部件工厂。',
    tags: ['innovative', 'high_tech'],
  },
  {
    key: 'electrolyteSme',
    note: 'SME in 苏州相城区 making electrolyte for the battery leader',
    uscc: '91320507MA1T9F5A90', // body MA1T9F5A
    name: '苏州溶川新材料有限公司',
    regionCode: '320507',
    industryCode: 'C2669',
    employees: 142,
    revenue: 19800,
    assets: 16420,
    products: ['锂电池电解液', '电解液添加剂'],
    capabilities: '建有DCS自动化控制生产装置3套，通过ISO 9001、ISO 14001、ISO 45001认证，年产电解液20000吨，拥有发明专利14项，研发人员占比18%，产品主要配套锂电池制造企业。',
    tags: ['innovative', 'high_tech'],
  },
  {
    key: 'servoMicro',
    note: 'Micro firm in 常州武进区 (servo motors): a small SME outside 苏州',
    uscc: '91320412MA1X2P7R3M', // body MA1X2P7R
    name: '常州驰恒电机科技有限公司',
    regionCode: '320412',
    industryCode: 'C3812',
    employees: 16,
    revenue: 268.4,
    assets: 310,
    products: ['伺服电机', '无框力矩电机'],
    capabilities: '拥有自动绕线机4台，通过ISO 9001认证，年产伺服电机0.6万台，拥有发明专利2项，研发人员占比25%，产品主要配套工业机器人企业。',
    tags: ['innovative'],
  },
  {
    key: 'vacuumSupplierWuxi',
    note: 'SME in 无锡惠山区 supplying vacuum parts to the 无锡 leader; invisible to the 苏州 gov user',
    uscc: '91320206MA1U6C9H8J', // body MA1U6C9H
    name: '无锡瀚真真空科技有限公司',
    regionCode: '320206',
    industryCode: 'C3441',
    employees: 134,
    revenue: 9260,
    assets: 8830,
    products: ['真空腔体', '干式真空泵', '真空阀门'],
    capabilities: '拥有五轴联动加工中心5台、氦质谱检漏仪4台，建有千级洁净装配间1200平方米，通过ISO 9001认证，年产真空腔体3000套，拥有发明专利11项，研发人员占比21%，产品主要配套半导体设备厂商。',
    tags: ['innovative', 'specialized', 'high_tech'],
  },
  {
    key: 'pcbMedium',
    note: 'Medium PCB maker in 昆山 supplying the BMS SME',
    uscc: '91320583MA1K8W2D72', // body MA1K8W2D
    name: '昆山联拓电路科技有限公司',
    regionCode: '320583',
    industryCode: 'C3982',
    employees: 720,
    revenue: 36200,
    assets: 41800,
    products: ['印制电路板(PCB)', '柔性电路板(FPC)', '汽车电子电路板'],
    capabilities: '拥有自动光学检测(AOI)设备18台，通过IATF 16949、UL、ISO 14001认证，年产PCB 36万平方米，拥有发明专利7项，产品主要配套新能源汽车及汽车电子一级供应商。',
    tags: ['high_tech'],
  },
];
