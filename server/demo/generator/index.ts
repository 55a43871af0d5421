// The one deterministic demo-data generator: the fixed demo persons and their records up to `asOf`, and bulk data
// for benchmarks from the same code paths. Plain data only; server/demo/seed.ts writes it to the database.
import type { claimStages, institutionKinds, insuranceTypes, ledgerKinds, visitTypes } from '../db/schema'
import { entryCodeFromBytes, ENTRY_CODE_BYTES } from '../domain/entry-codes'
import { checkDigit } from '../domain/gb11643'
import { regionName } from '../domain/regions'
import { Prng } from './prng'

/** Bump whenever the output for the same (asOf, seed) changes: a database made by another version is reseeded. */
export const DEMO_VERSION = 3
/** 国办发〔2021〕14号 was issued on 2021-04-13; any fixed number would do. */
export const DEFAULT_DEMO_SEED = 20210413

export type InsuranceType = (typeof insuranceTypes)[number]
export type InstitutionKind = (typeof institutionKinds)[number]
export type VisitType = (typeof visitTypes)[number]
export type LedgerKind = (typeof ledgerKinds)[number]
export type ClaimStage = (typeof claimStages)[number]
export type ItemCategory = 'A' | 'B' | 'C'

export interface DemoPersonFacts {
  /** 1-based; dev login codes and platform subjects carry it. */
  n: number
  name: string
  insuranceType: InsuranceType
  regionCode: string
  phone: string
  idNumber: string
  cardNumber: string
  /** The card query password (6 digits), stored only scrypt-hashed. */
  queryPassword: string
  wechatCode: string
  alipayCode: string
  wechatSubject: string
  alipaySubject: string
}

/** A claims desk (医保报销窗口): where, when, which phone. */
export interface DemoDesk { place: string; hours: string; phone: string }

export interface DemoInstitution {
  code: string
  name: string
  kind: InstitutionKind
  level: string | null
  regionCode: string
  /** The full address: the region's GB/T 2260 name, then the street. */
  address: string
  /** 医保定点: settlements there are covered. */
  designated: boolean
  /** Null where there is no desk (most pharmacies: their customers claim at the insurance bureau). */
  desk: DemoDesk | null
  /** What to bring to claim there. */
  bring: string[]
  /** The live public entry code (what its QR code carries), drawn from the seeded PRNG. */
  entryCode: string
}

export interface DemoContribution {
  key: string
  period: string // YYYY-MM (employee) or YYYY (resident)
  baseFen: number
  employerFen: number
  personalFen: number
  creditedFen: number
  payingUnit: string
  latePaid: boolean
  paidAt: Date
  /** When the record reached us (ledger credit posted); never after asOf. */
  postedAt: Date
}

export interface DemoSettlementItem { name: string; category: ItemCategory; quantity: number; amountFen: number; fundCoveredFen: number }

export interface DemoSettlement {
  key: string
  institutionCode: string
  visitType: VisitType
  settledAt: Date
  /** When the settlement reached us: 1–3 days after it happened, never after asOf. */
  postedAt: Date
  totalFen: number
  fundFen: number
  accountFen: number
  mutualAidFen: number
  selfFen: number
  beneficiaryName: string | null
  beneficiaryRelation: string | null
  items: DemoSettlementItem[]
}

export interface DemoLedgerEntry {
  kind: LedgerKind
  amountFen: number
  occurredAt: Date
  postedAt: Date
  contributionKey: string | null
  settlementKey: string | null
  counterpartyName: string | null
  note: string | null
}

export interface DemoClaimEvent { stage: ClaimStage; occurredAt: Date; note: string }

/** Where a claim's money goes: the person's social security card bank account (only `**** 1234` is ever shown). */
export interface DemoPayout { bankName: string; cardNumber: string }

export interface DemoClaim {
  claimNo: string
  institutionCode: string | null
  title: string
  stage: ClaimStage
  claimedFen: number
  approvedFen: number | null
  missingMaterials: string[]
  submittedAt: Date
  updatedAt: Date
  events: DemoClaimEvent[]
  /** Null while the person has not given a bank account yet (it is then among the missing materials). */
  payout: DemoPayout | null
}

export interface DemoPersonData {
  facts: DemoPersonFacts
  contributions: DemoContribution[]
  settlements: DemoSettlement[]
  /** Sorted by occurredAt; every entry posted ≤ asOf. */
  ledger: DemoLedgerEntry[]
  claims: DemoClaim[]
  /** Sum of the ledger (0 for residents, who have no personal account). */
  balanceFen: number
}

export interface DemoData {
  version: number
  seed: number
  asOf: Date
  institutions: DemoInstitution[]
  persons: DemoPersonData[]
}

// ---------------------------------------------------------------------------------------------------------------
// China time. China has had no daylight saving time since 1991, so a fixed +08:00 offset is exact and the
// generator does not depend on the machine's zone. A "day number" counts China calendar days since 1970-01-01.

const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
const CN_OFFSET = 8 * HOUR

const dayNo = (y: number, mo: number, d: number) => Date.UTC(y, mo - 1, d) / DAY
const dayOf = (t: Date) => Math.floor((t.getTime() + CN_OFFSET) / DAY)
const dayOfWeek = (dn: number) => (((dn + 4) % 7) + 7) % 7 // 1970-01-01 was a Thursday; 0 = Sunday
const ymd = (dn: number) => { const x = new Date(dn * DAY); return { y: x.getUTCFullYear(), mo: x.getUTCMonth() + 1, d: x.getUTCDate() } }
const monthIndexOf = (t: Date) => { const { y, mo } = ymd(dayOf(t)); return y * 12 + mo - 1 }
const monthOf = (mi: number) => ({ y: Math.floor(mi / 12), mo: (mi % 12) + 1 })
const daysInMonth = (y: number, mo: number) => new Date(Date.UTC(y, mo, 0)).getUTCDate()
const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const periodOf = (mi: number) => { const { y, mo } = monthOf(mi); return `${y}-${pad(mo)}` }

/** The China calendar date of an instant, YYYY-MM-DD. */
export function chinaDateString (t: Date): string {
  const { y, mo, d } = ymd(dayOf(t))
  return `${y}-${pad(mo)}-${pad(d)}`
}

/** An instant given in China wall-clock time. */
export function chinaTime (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - CN_OFFSET)
}

/** A random moment on China day `dn` between `fromH`:00 and `toH`:00. */
function timeOn (rng: Prng, dn: number, fromH: number, toH: number): Date {
  return new Date(dn * DAY - CN_OFFSET + rng.int(fromH * 60, toH * 60 - 1) * MINUTE + rng.int(0, 59) * 1000)
}

/** Offices (employers' payroll, insurance bureaus) work on weekdays: Saturday and Sunday move to Monday. */
function nextWeekday (dn: number): number {
  const dow = dayOfWeek(dn)
  return dow === 6 ? dn + 2 : dow === 0 ? dn + 1 : dn
}
/** Saturday and Sunday move back to Friday (used when laying out a claim's timeline backwards). */
function prevWeekday (dn: number): number {
  const dow = dayOfWeek(dn)
  return dow === 6 ? dn - 1 : dow === 0 ? dn - 2 : dn
}

/** Records reach the app 1–3 days after they happen (DESIGN §3): whole minutes within [1 day, 3 days]. */
const postDelay = (rng: Prng, t: Date) => new Date(t.getTime() + DAY + rng.int(0, 2 * 24 * 60) * MINUTE)

// ---------------------------------------------------------------------------------------------------------------
// Demo persons. ID numbers use address codes of the form PP99xx: no GB/T 2260 city code 99 has ever existed,
// so these numbers cannot belong to a real person (test/server/demo checks it against the dataset).

function idNumber (area: string, birth: string, seq: string): string {
  const first17 = area + birth + seq
  return first17 + checkDigit(first17)
}

function facts (n: number, v: Omit<DemoPersonFacts, 'n' | 'wechatCode' | 'alipayCode' | 'wechatSubject' | 'alipaySubject'>): DemoPersonFacts {
  return {
    n, ...v,
    wechatCode: `wx-demo-${n}`, alipayCode: `alipay-demo-${n}`,
    wechatSubject: `dev-wechat-demo-${n}`, alipaySubject: `dev-alipay-demo-${n}`,
  }
}

/** The fixed demo persons, in README order. The 17th digit is odd for men and even for women, as in real numbers. */
export const DEMO_PERSONS: readonly DemoPersonFacts[] = Object.freeze([
  facts(1, { name: '陈思远', insuranceType: 'employee', regionCode: '310104', phone: '13800000001',
    idNumber: idNumber('319901', '19880314', '017'), cardNumber: 'DM31010001', queryPassword: '135246' }),
  facts(2, { name: '王德明', insuranceType: 'retiree', regionCode: '110105', phone: '13800000002',
    idNumber: idNumber('119901', '19580621', '035'), cardNumber: 'DM11010002', queryPassword: '258013' }),
  facts(3, { name: '黄丽萍', insuranceType: 'resident', regionCode: '440106', phone: '13800000003',
    idNumber: idNumber('449901', '19760908', '042'), cardNumber: 'DM44010003', queryPassword: '369024' }),
  facts(4, { name: '林晓雨', insuranceType: 'employee', regionCode: '330106', phone: '13800000004',
    idNumber: idNumber('339901', '20000527', '068'), cardNumber: 'DM33010004', queryPassword: '147036' }),
])

// ---------------------------------------------------------------------------------------------------------------
// Institutions and regional rules. Names and codes are plausible, not real (H = medical institution, P = pharmacy,
// then the 6-digit region and a 5-digit number, the shape of the national 定点医药机构 codes). Desk phone numbers
// have a local part starting with 0, which no Chinese landline number has (local numbers start with 2–8), so that
// nobody dials a stranger from the demo; streets are made up.

const WEEKDAYS = '周一至周五 8:00–11:30，13:30–17:00'
const BRING_HOSPITAL = ['医保电子凭证或社会保障卡', '本人身份证（他人代办的，再带代办人身份证）', '收费票据原件和费用明细清单',
  '门诊病历，住院的带出院小结', '本人银行卡（报销款打到这张卡）']
const BRING_CLINIC = ['医保电子凭证或社会保障卡', '本人身份证', '收费票据原件和费用明细清单', '门诊病历']
const BRING_PHARMACY = ['医保电子凭证或社会保障卡', '购药发票和药品清单', '处方（购买处方药时）']

type InstitutionFacts = Omit<DemoInstitution, 'address' | 'entryCode'> & { street: string }

const INSTITUTION_FACTS: readonly InstitutionFacts[] = [
  { code: 'H31010400001', name: '上海市徐汇区滨江医院', kind: 'hospital', level: '三级乙等', regionCode: '310104', street: '龙腾大道 1280 号',
    designated: true, desk: { place: '门诊楼一层 医保服务窗口（12 号）', hours: `${WEEKDAYS}；周六 8:00–11:30`, phone: '021-0104 0012' }, bring: BRING_HOSPITAL },
  { code: 'H31010400002', name: '上海市漕溪人民医院', kind: 'hospital', level: '三级甲等', regionCode: '310104', street: '漕溪北路 1500 号',
    designated: true, desk: { place: '住院部一层 出入院结算处东侧 医保办公室', hours: '周一至周日 8:00–17:00', phone: '021-0104 0200' }, bring: BRING_HOSPITAL },
  { code: 'H31010400003', name: '上海市徐汇区枫林社区卫生服务中心', kind: 'clinic', level: '一级', regionCode: '310104', street: '枫林路 330 号',
    designated: true, desk: { place: '一楼大厅 收费处旁 医保窗口', hours: '周一至周五 8:00–11:30，13:00–16:30', phone: '021-0104 0330' }, bring: BRING_CLINIC },
  { code: 'H31010400004', name: '上海市徐汇区康健儿童医院', kind: 'hospital', level: '二级甲等', regionCode: '310104', street: '康健路 88 号',
    designated: true, desk: { place: '门诊楼二层 医保服务中心', hours: WEEKDAYS, phone: '021-0104 0088' }, bring: BRING_HOSPITAL },
  { code: 'P31010400001', name: '益寿堂大药房（天钥桥路店）', kind: 'pharmacy', level: null, regionCode: '310104', street: '天钥桥路 216 号',
    designated: true, desk: null, bring: BRING_PHARMACY },
  { code: 'P31010400002', name: '康济大药房（徐家汇24小时店）', kind: 'pharmacy', level: null, regionCode: '310104', street: '虹桥路 45 号',
    designated: true, desk: { place: '收银台右侧 医保服务台', hours: '每天 9:00–21:00', phone: '021-0104 0045' }, bring: BRING_PHARMACY },
  { code: 'H11010500001', name: '北京市朝阳区望京中心医院', kind: 'hospital', level: '二级甲等', regionCode: '110105', street: '望京东路 16 号',
    designated: true, desk: { place: '门诊楼一层 西侧 医保报销窗口（3 号、4 号）', hours: WEEKDAYS, phone: '010-0105 0016' }, bring: BRING_HOSPITAL },
  { code: 'H11010500002', name: '北京市朝阳区团结湖社区卫生服务中心', kind: 'clinic', level: '一级', regionCode: '110105', street: '团结湖南里 9 号',
    designated: true, desk: { place: '一层 挂号收费处 医保窗口', hours: '周一至周五 8:00–11:30，13:30–16:30', phone: '010-0105 0009' }, bring: BRING_CLINIC },
  { code: 'H11010500003', name: '北京市朝阳区安华眼科医院', kind: 'hospital', level: '二级', regionCode: '110105', street: '安华西里 27 号',
    designated: true, desk: { place: '一层大厅 导诊台对面 医保办', hours: WEEKDAYS, phone: '010-0105 0027' }, bring: BRING_HOSPITAL },
  { code: 'P11010500001', name: '同济堂大药房（团结湖店）', kind: 'pharmacy', level: null, regionCode: '110105', street: '团结湖路 5 号',
    designated: true, desk: null, bring: BRING_PHARMACY },
  { code: 'H44010600001', name: '广州市天河区珠江新城医院', kind: 'hospital', level: '二级甲等', regionCode: '440106', street: '华夏路 36 号',
    designated: true, desk: { place: '门诊楼一层 医保结算窗口（8 号）', hours: `${WEEKDAYS}；周六 8:30–12:00`, phone: '020-0106 0036' }, bring: BRING_HOSPITAL },
  { code: 'H44010600002', name: '广州市天河区石牌社区卫生服务中心', kind: 'clinic', level: '一级', regionCode: '440106', street: '石牌东路 12 号',
    designated: true, desk: { place: '一楼 收费处 医保窗口', hours: '周一至周五 8:00–12:00，14:30–17:30', phone: '020-0106 0012' }, bring: BRING_CLINIC },
  { code: 'P44010600001', name: '百草堂大药房（天河北店）', kind: 'pharmacy', level: null, regionCode: '440106', street: '天河北路 233 号',
    designated: true, desk: null, bring: BRING_PHARMACY },
  { code: 'H33010600001', name: '杭州市西湖区文三医院', kind: 'hospital', level: '二级甲等', regionCode: '330106', street: '文三路 199 号',
    designated: true, desk: { place: '门诊大厅一层 医保服务窗口', hours: WEEKDAYS, phone: '0571-0106 0199' }, bring: BRING_HOSPITAL },
  { code: 'P33010600001', name: '西溪大药房（文三路店）', kind: 'pharmacy', level: null, regionCode: '330106', street: '文三路 358 号',
    designated: true, desk: null, bring: BRING_PHARMACY },
]

/**
 * One entry code per institution from its own PRNG stream of the default seed: the demo's printed codes stay the same
 * whatever the asOf day (a poster printed from the demo keeps working after a reseed), and no two are equal.
 */
function withEntryCodes (facts: readonly InstitutionFacts[]): DemoInstitution[] {
  const rng = new Prng(DEFAULT_DEMO_SEED).fork('entry-codes')
  const taken = new Set<string>()
  return facts.map(({ street, ...f }) => {
    const region = regionName(f.regionCode)
    if (!region) throw new Error(`no region name for ${f.regionCode}`)
    let code: string
    do {
      code = entryCodeFromBytes(Uint8Array.from({ length: ENTRY_CODE_BYTES }, () => rng.int(0, 255)))
    } while (taken.has(code))
    taken.add(code)
    return { ...f, address: `${region}${street}`, entryCode: code }
  })
}

export const DEMO_INSTITUTIONS: readonly DemoInstitution[] = Object.freeze(withEntryCodes(INSTITUTION_FACTS))

/** A copy that shares nothing with DEMO_INSTITUTIONS (a data set is plain data its user may change). */
const copyInstitution = (i: DemoInstitution): DemoInstitution => ({ ...i, desk: i.desk && { ...i.desk }, bring: [...i.bring] })

type RegionCode = '310104' | '110105' | '440106' | '330106'
const REGIONS: readonly RegionCode[] = ['310104', '110105', '440106', '330106']

interface RegionRules {
  /** Where people of the region go for everyday care and medicine, and for a hospital stay. */
  outpatient: string[]
  pharmacy: string[]
  inpatient: string
  /** Employer rate in basis points: 6–10% by region; illustrative, it goes to the pooled fund and is never credited. */
  employerRateBp: number
  /** Lowest monthly contribution base, yuan (about 60% of the regional average wage). */
  minBaseYuan: number
  /** Fixed monthly allocation to a retiree's account, fen: about 2% of the region's average pension. */
  retireeAllocationFen: number
}

const RULES: Record<RegionCode, RegionRules> = {
  '310104': { outpatient: ['H31010400001', 'H31010400002', 'H31010400003'], pharmacy: ['P31010400001', 'P31010400002'],
    inpatient: 'H31010400002', employerRateBp: 950, minBaseYuan: 7460, retireeAllocationFen: 10_600 },
  '110105': { outpatient: ['H11010500001', 'H11010500002'], pharmacy: ['P11010500001'],
    inpatient: 'H11010500001', employerRateBp: 980, minBaseYuan: 6820, retireeAllocationFen: 10_000 },
  '440106': { outpatient: ['H44010600001', 'H44010600002'], pharmacy: ['P44010600001'],
    inpatient: 'H44010600001', employerRateBp: 650, minBaseYuan: 5280, retireeAllocationFen: 9_000 },
  '330106': { outpatient: ['H33010600001'], pharmacy: ['P33010600001'],
    inpatient: 'H33010600001', employerRateBp: 900, minBaseYuan: 4460, retireeAllocationFen: 8_200 },
}

const institutionByCode = new Map(DEMO_INSTITUTIONS.map((i) => [i.code, i]))

/** The personal contribution is 2% of the base; since the 2021 reform it is exactly what the account receives. */
const PERSONAL_RATE_BP = 200
/** Yearly interest on the personal account (demand-deposit level), credited as an 'adjustment' at year end. */
const INTEREST_RATE_BP = 35

/** The individual resident premium by coverage year (the national minimum of that year), fen. */
function residentPremiumFen (year: number): number {
  if (year <= 2021) return 32_000
  if (year === 2022) return 35_000
  if (year === 2023) return 38_000
  return 40_000
}

/** Share of a catalogue-A item paid by the pooled fund; catalogue B pays 90% of that, C (丙类) nothing. */
type CareSetting = 'hospital' | 'clinic' | 'pharmacy' | 'inpatient'
const FUND_RATIO: Record<InsuranceType, Record<CareSetting, number>> = {
  employee: { hospital: 0.5, clinic: 0.7, pharmacy: 0, inpatient: 0.85 },
  retiree: { hospital: 0.7, clinic: 0.85, pharmacy: 0, inpatient: 0.9 },
  resident: { hospital: 0.5, clinic: 0.6, pharmacy: 0, inpatient: 0.7 },
}

// ---------------------------------------------------------------------------------------------------------------
// What is bought: unit prices in fen (drawn in 0.1-yuan steps), quantities.

interface ItemTemplate { name: string; category: ItemCategory; min: number; max: number; qty?: [number, number] }

const CONSULTATIONS: ItemTemplate[] = [
  { name: '普通门诊诊查费', category: 'A', min: 2_500, max: 3_000 },
  { name: '副主任医师门诊诊查费', category: 'A', min: 3_500, max: 5_000 },
]
const OUTPATIENT_EXTRAS: ItemTemplate[] = [
  { name: '血细胞分析（血常规）', category: 'A', min: 2_200, max: 3_000 },
  { name: 'C反应蛋白测定', category: 'A', min: 1_500, max: 2_500 },
  { name: '胸部X线摄影（正位）', category: 'A', min: 6_000, max: 9_000 },
  { name: '常规心电图检查', category: 'A', min: 2_500, max: 3_500 },
  { name: '阿莫西林胶囊 0.25g×24粒', category: 'A', min: 1_200, max: 2_200, qty: [1, 2] },
  { name: '头孢克肟分散片 0.1g×6片', category: 'B', min: 2_800, max: 4_200, qty: [1, 2] },
  { name: '布洛芬缓释胶囊 0.3g×20粒', category: 'A', min: 1_200, max: 1_900 },
  { name: '蒲地蓝消炎口服液 10ml×10支', category: 'B', min: 3_500, max: 4_800 },
  { name: '盐酸左西替利嗪片 5mg×12片', category: 'B', min: 1_800, max: 3_200 },
  { name: '奥美拉唑肠溶胶囊 20mg×14粒', category: 'A', min: 1_000, max: 2_400 },
  { name: '复方甘草口服溶液 100ml', category: 'A', min: 600, max: 1_200 },
  { name: '进口维生素D3滴剂 400IU×30粒', category: 'C', min: 6_800, max: 9_800 },
]
const CHRONIC_MEDS: ItemTemplate[] = [
  { name: '苯磺酸氨氯地平片 5mg×28片', category: 'A', min: 1_500, max: 2_800, qty: [1, 3] },
  { name: '阿托伐他汀钙片 20mg×14片', category: 'A', min: 600, max: 1_400, qty: [1, 3] },
  { name: '阿司匹林肠溶片 100mg×30片', category: 'A', min: 1_200, max: 1_800, qty: [1, 2] },
  { name: '缬沙坦胶囊 80mg×28粒', category: 'B', min: 2_000, max: 3_600, qty: [1, 2] },
  { name: '盐酸二甲双胍缓释片 0.5g×30片', category: 'A', min: 900, max: 1_600, qty: [1, 3] },
]
const PHARMACY_ITEMS: ItemTemplate[] = [
  { name: '感冒灵颗粒 10g×9袋', category: 'B', min: 1_500, max: 2_200 },
  { name: '连花清瘟胶囊 0.35g×24粒', category: 'B', min: 1_800, max: 2_800 },
  { name: '复方醋酸地塞米松乳膏 20g', category: 'B', min: 800, max: 1_500 },
  { name: '云南白药气雾剂 85g+30g', category: 'B', min: 4_800, max: 6_500 },
  { name: '氯雷他定片 10mg×6片', category: 'A', min: 1_200, max: 2_400, qty: [1, 2] },
  { name: '医用外科口罩 10只', category: 'C', min: 800, max: 1_500, qty: [1, 3] },
  { name: '维生素C泡腾片 1g×10片', category: 'C', min: 1_800, max: 3_500 },
  { name: '玻璃酸钠滴眼液 0.1% 5ml', category: 'B', min: 3_200, max: 5_600 },
  { name: '双氯芬酸钠缓释片 75mg×10片', category: 'A', min: 1_000, max: 2_000 },
]
const PEDIATRIC: ItemTemplate[] = [
  { name: '儿科门诊诊查费', category: 'A', min: 3_000, max: 3_000 },
  { name: '血细胞分析（血常规）', category: 'A', min: 2_200, max: 3_000 },
  { name: '肺炎支原体抗体测定', category: 'A', min: 5_000, max: 7_000 },
  { name: '雾化吸入治疗', category: 'A', min: 1_500, max: 2_500, qty: [3, 5] },
  { name: '布洛芬混悬液 100ml', category: 'A', min: 1_800, max: 2_600 },
  { name: '小儿豉翘清热颗粒 2g×6袋', category: 'B', min: 3_200, max: 4_500, qty: [2, 3] },
  { name: '阿奇霉素干混悬剂 0.1g×6袋', category: 'B', min: 2_400, max: 3_600, qty: [1, 2] },
]

/** Hospital stays: what the bill lists, by the number of days. */
interface StayTemplate { title: string; days: [number, number]; items: (days: number) => ItemTemplate[] }
const STAYS: Record<'appendix' | 'cataract' | 'gallbladder', StayTemplate> = {
  appendix: { title: '急性阑尾炎', days: [4, 6], items: (days) => [
    { name: '床位费（三人间）', category: 'A', min: 6_000, max: 6_000, qty: [days, days] },
    { name: '一级护理', category: 'A', min: 3_000, max: 3_000, qty: [days, days] },
    { name: '腹腔镜下阑尾切除术', category: 'A', min: 220_000, max: 260_000 },
    { name: '全身麻醉', category: 'A', min: 110_000, max: 130_000 },
    { name: '注射用头孢呋辛钠 1.5g', category: 'B', min: 3_600, max: 4_200, qty: [days * 2, days * 2] },
    { name: '腹部CT平扫', category: 'A', min: 38_000, max: 42_000 },
    { name: '血生化全套', category: 'A', min: 18_000, max: 24_000 },
    { name: '一次性使用腹腔镜穿刺器', category: 'B', min: 150_000, max: 185_000 },
    { name: '可吸收缝合线（进口）', category: 'C', min: 32_000, max: 38_000, qty: [2, 2] },
  ] },
  cataract: { title: '年龄相关性白内障', days: [2, 3], items: (days) => [
    { name: '床位费（双人间）', category: 'A', min: 8_000, max: 8_000, qty: [days, days] },
    { name: '二级护理', category: 'A', min: 2_000, max: 2_000, qty: [days, days] },
    { name: '白内障超声乳化摘除术', category: 'A', min: 180_000, max: 220_000 },
    { name: '人工晶体植入术', category: 'A', min: 60_000, max: 80_000 },
    { name: '人工晶体（非球面，国产）', category: 'B', min: 220_000, max: 280_000 },
    { name: '眼部B超', category: 'A', min: 9_000, max: 12_000 },
    { name: '左氧氟沙星滴眼液 5ml', category: 'A', min: 1_800, max: 2_500, qty: [2, 3] },
  ] },
  gallbladder: { title: '胆囊结石伴慢性胆囊炎', days: [5, 7], items: (days) => [
    { name: '床位费（三人间）', category: 'A', min: 4_500, max: 4_500, qty: [days, days] },
    { name: '二级护理', category: 'A', min: 2_200, max: 2_200, qty: [days, days] },
    { name: '腹腔镜下胆囊切除术', category: 'A', min: 260_000, max: 300_000 },
    { name: '全身麻醉', category: 'A', min: 100_000, max: 120_000 },
    { name: '注射用头孢哌酮钠舒巴坦钠 1.5g', category: 'B', min: 4_200, max: 5_200, qty: [days * 2, days * 2] },
    { name: '上腹部彩色多普勒超声', category: 'A', min: 16_000, max: 20_000 },
    { name: '一次性使用腹腔镜穿刺器', category: 'B', min: 150_000, max: 185_000 },
    { name: '止血纱布（进口）', category: 'C', min: 48_000, max: 56_000 },
  ] },
}

/** The unusual charge: an albumin purchase far above anything else the person buys, at a 24-hour pharmacy at night. */
const OUTLIER_ITEM = { name: '人血白蛋白注射液 10g/50ml', category: 'B' as const, unitFen: 46_000, maxQty: 8 }

function drawItems (rng: Prng, templates: ItemTemplate[], insuranceType: InsuranceType, setting: CareSetting): DemoSettlementItem[] {
  const ratio = FUND_RATIO[insuranceType][setting]
  return templates.map((t) => {
    const unit = rng.int(t.min / 10, t.max / 10) * 10
    const quantity = t.qty ? rng.int(t.qty[0], t.qty[1]) : 1
    const amountFen = unit * quantity
    const share = t.category === 'A' ? ratio : t.category === 'B' ? ratio * 0.9 : 0
    return { name: t.name, category: t.category, quantity, amountFen, fundCoveredFen: Math.round(amountFen * share) }
  })
}

/** A few distinct templates, in catalogue order so that bills read naturally. */
function pickSome (rng: Prng, templates: ItemTemplate[], min: number, max: number): ItemTemplate[] {
  const count = Math.min(templates.length, rng.int(min, max))
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(rng.int(0, templates.length - 1))
  return [...chosen].sort((a, b) => a - b).map((i) => templates[i]!)
}

// ---------------------------------------------------------------------------------------------------------------
// One person's history. Credits (contributions, allocations, interest) and spending are laid out first, then
// spending is settled in time order against what the account can pay at that moment.

interface PersonPlan {
  facts: DemoPersonFacts
  /** Months of history, counting the asOf month. */
  months: number
  /** Average settlements per month. */
  spendPerMonth: number
  employer?: { units: { fromMonth: number; name: string }[]; baseFen: (mi: number) => number }
  gapMonth?: number
  latePaidMonth?: number
  outlierMonth?: number
  stay?: { template: keyof typeof STAYS; month: number }
  mutualAid?: { child: { name: string; relation: string; month: number }; premium?: { name: string; relation: string } }
  /** Charges the unusual-charge rules must catch (server/domain/anomalies.ts), besides the night-time outlier. */
  oddCharges?: { farAwayMonth: number; farAwayCode: string; repeatedMonth: number }
  claims: ClaimPlan[]
}

interface ClaimPlan {
  stage: ClaimStage
  title: string
  institutionCode: string | null
  claimedFen: number
  approvedFen?: number
  /** Days before asOf of the last event. */
  endDaysAgo: number
  missingMaterials?: string[]
  rejectReason?: string
  /** The bank account is still missing (it is one of the missing materials): no payout yet. */
  noPayout?: boolean
}

interface Credit { postedMs: number; amountFen: number }
/** `allowFen`: what this event may take from the account; `balanceFen`: what the account holds at that moment. */
interface Pending { at: Date; run: (allowFen: number, balanceFen: number) => void }

class PersonBuilder {
  readonly contributions: DemoContribution[] = []
  readonly settlements: DemoSettlement[] = []
  readonly ledger: DemoLedgerEntry[] = []
  readonly claims: DemoClaim[] = []
  private readonly credits: Credit[] = []
  private readonly pending: Pending[] = []
  private debitedFen = 0
  private settlementSeq = 0
  private readonly asOfMs: number
  private readonly firstMonth: number
  private readonly lastMonth: number
  private readonly hasAccount: boolean
  private readonly rules: RegionRules

  constructor (private readonly plan: PersonPlan, private readonly rng: Prng, private readonly asOf: Date) {
    this.asOfMs = asOf.getTime()
    this.lastMonth = monthIndexOf(asOf)
    this.firstMonth = this.lastMonth - plan.months + 1
    this.hasAccount = plan.facts.insuranceType !== 'resident'
    const rules = RULES[plan.facts.regionCode as RegionCode] as RegionRules | undefined
    if (!rules) throw new Error(`no demo rules for region ${plan.facts.regionCode}`)
    this.rules = rules
  }

  private known (posted: Date): boolean { return posted.getTime() <= this.asOfMs }

  build (): DemoPersonData {
    const t = this.plan.facts.insuranceType
    if (t === 'employee') this.employeeContributions()
    if (t === 'retiree') this.retireeAllocations()
    if (t === 'resident') this.residentPayments()
    this.everydaySpending()
    if (this.plan.stay) this.hospitalStay(this.plan.stay.template, this.plan.stay.month)
    if (this.plan.mutualAid) this.familyMutualAid(this.plan.mutualAid)
    if (this.plan.oddCharges) this.oddCharges(this.plan.oddCharges)
    if (this.hasAccount) this.yearEndInterest()
    this.settleInTimeOrder()
    for (const [i, c] of this.plan.claims.entries()) this.claim(c, i)

    this.contributions.sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime())
    this.settlements.sort((a, b) => a.settledAt.getTime() - b.settledAt.getTime())
    this.ledger.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.postedAt.getTime() - b.postedAt.getTime())
    this.claims.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
    return {
      facts: this.plan.facts,
      contributions: this.contributions, settlements: this.settlements, ledger: this.ledger, claims: this.claims,
      balanceFen: this.ledger.reduce((s, e) => s + e.amountFen, 0),
    }
  }

  // --- money in -------------------------------------------------------------------------------------------------

  private employeeContributions (): void {
    const emp = this.plan.employer
    if (!emp) throw new Error(`employee ${this.plan.facts.n} has no employer plan`)
    for (let mi = this.firstMonth; mi <= this.lastMonth; mi++) {
      if (mi === this.plan.gapMonth) continue // 断缴: between two employers nobody paid this month
      const late = mi === this.plan.latePaidMonth
      // Payroll pays the month's contribution mid-month; a late month is made up (补缴) two months later.
      const { y, mo } = monthOf(late ? mi + 2 : mi)
      const paidAt = timeOn(this.rng, nextWeekday(dayNo(y, mo, this.rng.int(late ? 8 : 15, late ? 20 : 25))), 10, 16)
      const postedAt = postDelay(this.rng, paidAt)
      if (!this.known(postedAt)) continue
      const baseFen = emp.baseFen(mi)
      const personalFen = Math.round(baseFen * PERSONAL_RATE_BP / 10_000)
      const unit = [...emp.units].reverse().find((u) => u.fromMonth <= mi) ?? emp.units[0]!
      const period = periodOf(mi)
      const key = `${this.plan.facts.n}:c:${period}`
      this.contributions.push({
        key, period, baseFen, personalFen,
        employerFen: Math.round(baseFen * this.rules.employerRateBp / 10_000),
        creditedFen: personalFen, // the employer part goes to the pooled fund (2021 reform): shown, never credited
        payingUnit: unit.name, latePaid: late, paidAt, postedAt,
      })
      this.credit({ kind: 'contribution', amountFen: personalFen, occurredAt: paidAt, postedAt, contributionKey: key,
        note: late ? `${period} 补缴个人缴费划入` : `${period} 个人缴费划入` })
    }
  }

  /**
   * Retirees pay nothing, so they get NO contributions rows (a 缴费记录 of zero payments would be misleading):
   * the monthly amount from the pooled fund is a 'retiree_allocation' ledger entry with no contributionId.
   */
  private retireeAllocations (): void {
    for (let mi = this.firstMonth; mi <= this.lastMonth; mi++) {
      const { y, mo } = monthOf(mi)
      const at = timeOn(this.rng, nextWeekday(dayNo(y, mo, this.rng.int(3, 8))), 9, 12)
      const postedAt = postDelay(this.rng, at)
      if (!this.known(postedAt)) continue
      this.credit({ kind: 'retiree_allocation', amountFen: this.rules.retireeAllocationFen, occurredAt: at, postedAt,
        note: `${periodOf(mi)} 退休人员个人账户定额划入` })
    }
  }

  /** Residents pay once a year, in the autumn collection window, for the next year; nothing reaches an account. */
  private residentPayments (): void {
    const firstYear = monthOf(this.firstMonth).y
    const lastYear = monthOf(this.lastMonth).y + 1
    for (let year = firstYear; year <= lastYear; year++) {
      const paidAt = timeOn(this.rng, dayNo(year - 1, this.rng.int(10, 12), this.rng.int(8, 20)), 9, 21)
      const postedAt = postDelay(this.rng, paidAt)
      if (!this.known(postedAt)) continue
      const premium = residentPremiumFen(year)
      this.contributions.push({
        key: `${this.plan.facts.n}:c:${year}`, period: String(year),
        baseFen: 0, employerFen: 0, // no contribution base and no employer; the fiscal subsidy is not the person's
        personalFen: premium, creditedFen: 0, payingUnit: '个人缴纳（银行代扣）', latePaid: false, paidAt, postedAt,
      })
    }
  }

  private yearEndInterest (): void {
    for (let year = monthOf(this.firstMonth).y; year <= monthOf(this.lastMonth).y; year++) {
      const at = chinaTime(year, 12, 31, 20, 0, 0)
      const postedAt = postDelay(this.rng, at)
      if (at.getTime() < this.firstMonthStartMs() || !this.known(postedAt)) continue
      this.pending.push({ at, run: (_allow, balance) => {
        const amountFen = Math.floor(balance * INTEREST_RATE_BP / 10_000)
        if (amountFen > 0) this.credit({ kind: 'adjustment', amountFen, occurredAt: at, postedAt, note: `${year}年度个人账户结息` })
      } })
    }
  }

  private firstMonthStartMs (): number {
    const { y, mo } = monthOf(this.firstMonth)
    return chinaTime(y, mo, 1).getTime()
  }

  private credit (e: Omit<DemoLedgerEntry, 'contributionKey' | 'settlementKey' | 'counterpartyName'> & { contributionKey?: string }): void {
    this.ledger.push({ contributionKey: null, settlementKey: null, counterpartyName: null, ...e })
    this.credits.push({ postedMs: e.postedAt.getTime(), amountFen: e.amountFen })
  }

  // --- money out ------------------------------------------------------------------------------------------------

  private everydaySpending (): void {
    const t = this.plan.facts.insuranceType
    const outpatientShare = t === 'employee' ? 0.45 : t === 'retiree' ? 0.6 : 0.7
    for (let mi = this.firstMonth; mi <= this.lastMonth; mi++) {
      const whole = Math.floor(this.plan.spendPerMonth)
      const count = whole + (this.rng.chance(this.plan.spendPerMonth - whole) ? 1 : 0)
      const { y, mo } = monthOf(mi)
      for (let k = 0; k < count; k++) {
        const dn = dayNo(y, mo, this.rng.int(1, daysInMonth(y, mo)))
        if (this.rng.chance(outpatientShare)) {
          const code = this.rng.pick(this.rules.outpatient)
          const setting: CareSetting = institutionByCode.get(code)!.kind === 'clinic' ? 'clinic' : 'hospital'
          const templates = t === 'retiree'
            ? [CONSULTATIONS[0]!, ...pickSome(this.rng, CHRONIC_MEDS, 2, 4)]
            : [this.rng.pick(CONSULTATIONS), ...pickSome(this.rng, OUTPATIENT_EXTRAS, 1, 3)]
          this.settlement({ code, visitType: 'outpatient', at: timeOn(this.rng, dn, 8, 17), items: drawItems(this.rng, templates, t, setting) })
        } else {
          const items = drawItems(this.rng, pickSome(this.rng, PHARMACY_ITEMS, 1, 3), t, 'pharmacy')
          this.settlement({ code: this.rng.pick(this.rules.pharmacy), visitType: 'pharmacy', at: timeOn(this.rng, dn, 9, 21), items })
        }
      }
    }
  }

  private hospitalStay (template: keyof typeof STAYS, month: number): void {
    const stay = STAYS[template]
    const { y, mo } = monthOf(month)
    const days = this.rng.int(stay.days[0], stay.days[1])
    const discharge = dayNo(y, mo, this.rng.int(1, 20)) + days
    const items = drawItems(this.rng, stay.items(days), this.plan.facts.insuranceType, 'inpatient')
    this.settlement({ code: this.rules.inpatient, visitType: 'inpatient', at: timeOn(this.rng, discharge, 10, 16), items })
  }

  /** 家庭共济: a child's clinic bill and a parent's resident premium, both paid from this account. */
  private familyMutualAid (aid: NonNullable<PersonPlan['mutualAid']>): void {
    const { y, mo } = monthOf(aid.child.month)
    const items = drawItems(this.rng, [PEDIATRIC[0]!, ...pickSome(this.rng, PEDIATRIC.slice(1), 3, 4)], 'resident', 'hospital')
    this.settlement({ code: 'H31010400004', visitType: 'outpatient', at: timeOn(this.rng, dayNo(y, mo, this.rng.int(3, 26)), 9, 17),
      items, beneficiary: { name: aid.child.name, relation: aid.child.relation } })

    const premium = aid.premium
    if (!premium) return
    // The premium goes in the autumn collection window: the latest November that has fully reached us.
    const asOfYear = monthOf(this.lastMonth).y
    const year = this.asOfMs >= chinaTime(asOfYear, 11, 28).getTime() ? asOfYear : asOfYear - 1
    const at = timeOn(this.rng, nextWeekday(dayNo(year, 11, this.rng.int(5, 22))), 10, 20)
    const postedAt = postDelay(this.rng, at)
    if (at.getTime() < this.firstMonthStartMs() || !this.known(postedAt)) return
    const amountFen = residentPremiumFen(year + 1)
    this.pending.push({ at, run: (allow) => {
      if (allow < amountFen) return // a premium is paid whole or not at all
      this.debit({ kind: 'mutual_aid', amountFen: -amountFen, occurredAt: at, postedAt, settlementKey: null,
        counterpartyName: premium.name, note: `家庭共济：为${premium.relation}缴纳${year + 1}年度城乡居民医保` })
    } })
  }

  /**
   * The unusual-charge demo cases: a pharmacy purchase in a city far from home, and the same pharmacy charge twice a
   * few minutes apart. They draw from their own stream, so the rest of the person's story is not reshuffled.
   */
  private oddCharges (o: NonNullable<PersonPlan['oddCharges']>): void {
    const rng = this.rng.fork('odd-charges')
    const t = this.plan.facts.insuranceType
    const far = monthOf(o.farAwayMonth)
    this.settlement({ code: o.farAwayCode, visitType: 'pharmacy', at: timeOn(rng, dayNo(far.y, far.mo, rng.int(3, 26)), 10, 18),
      items: drawItems(rng, pickSome(rng, PHARMACY_ITEMS, 1, 2), t, 'pharmacy'), rng })
    const rep = monthOf(o.repeatedMonth)
    const first = timeOn(rng, dayNo(rep.y, rep.mo, rng.int(3, 26)), 10, 18)
    const items = drawItems(rng, pickSome(rng, PHARMACY_ITEMS, 1, 2), t, 'pharmacy')
    const code = this.rules.pharmacy[0]!
    this.settlement({ code, visitType: 'pharmacy', at: first, items, rng })
    const again = new Date(first.getTime() + rng.int(2, 6) * MINUTE + rng.int(0, 59) * 1000)
    this.settlement({ code, visitType: 'pharmacy', at: again, items: items.map((i) => ({ ...i })), rng })
  }

  /** Queues a settlement: the split between account (or a relative's account) and cash is decided in time order. */
  private settlement (s: { code: string; visitType: VisitType; at: Date; items: DemoSettlementItem[]; beneficiary?: { name: string; relation: string }; rng?: Prng }): void {
    if (s.at.getTime() < this.firstMonthStartMs()) return
    const postedAt = postDelay(s.rng ?? this.rng, s.at)
    if (!this.known(postedAt)) return
    const key = `${this.plan.facts.n}:s:${++this.settlementSeq}`
    const totalFen = s.items.reduce((sum, i) => sum + i.amountFen, 0)
    const fundFen = s.items.reduce((sum, i) => sum + i.fundCoveredFen, 0)
    this.pending.push({ at: s.at, run: (allow) => {
      const rest = totalFen - fundFen
      const fromAccount = this.hasAccount ? Math.min(rest, allow) : 0
      const accountFen = s.beneficiary ? 0 : fromAccount
      const mutualAidFen = s.beneficiary ? fromAccount : 0
      this.settlements.push({
        key, institutionCode: s.code, visitType: s.visitType, settledAt: s.at, postedAt,
        totalFen, fundFen, accountFen, mutualAidFen, selfFen: rest - fromAccount,
        beneficiaryName: s.beneficiary?.name ?? null, beneficiaryRelation: s.beneficiary?.relation ?? null, items: s.items,
      })
      if (fromAccount > 0) {
        this.debit({ kind: s.beneficiary ? 'mutual_aid' : 'consumption', amountFen: -fromAccount, occurredAt: s.at, postedAt,
          settlementKey: key, counterpartyName: s.beneficiary?.name ?? null,
          note: s.beneficiary ? `家庭共济：为${s.beneficiary.relation}支付医疗费用` : null })
      }
    } })
  }

  private debit (e: Omit<DemoLedgerEntry, 'contributionKey'>): void {
    this.ledger.push({ contributionKey: null, ...e })
    this.debitedFen -= e.amountFen
  }

  /**
   * Settles the queue in time order. What the account can pay at time t is what had been posted to it before t,
   * less everything it already paid: the core system pays at once but credits only once they are posted. That
   * rule keeps the running balance ≥ 0 whether entries are ordered by occurredAt or by postedAt.
   * The outlier is planned first and everyday spending leaves room for it, so it is always paid in full.
   */
  private settleInTimeOrder (): void {
    const outlier = this.planOutlier()
    const queue = [...this.pending].sort((a, b) => a.at.getTime() - b.at.getTime())
    for (const p of queue) {
      const t = p.at.getTime()
      let available = -this.debitedFen
      for (const c of this.credits) if (c.postedMs < t) available += c.amountFen
      let reserve = 0
      if (outlier && t < outlier.ms) {
        let coming = 0
        for (const c of this.credits) if (c.postedMs >= t && c.postedMs < outlier.ms) coming += c.amountFen
        reserve = Math.max(0, outlier.fen - coming)
      }
      p.run(Math.max(0, available - reserve), available)
    }
  }

  /** Queues the one unusual charge (night, 24-hour pharmacy, paid wholly from the account) and returns its size. */
  private planOutlier (): { ms: number; fen: number } | undefined {
    if (this.plan.outlierMonth === undefined) return undefined
    const { y, mo } = monthOf(this.plan.outlierMonth)
    const at = timeOn(this.rng, dayNo(y, mo, this.rng.int(5, 25)), 1, 4)
    const postedAt = postDelay(this.rng, at)
    if (at.getTime() < this.firstMonthStartMs() || !this.known(postedAt)) return undefined
    let before = 0
    for (const c of this.credits) if (c.postedMs < at.getTime()) before += c.amountFen
    // Never more than 60% of what had been credited, so the everyday spending before it still gets some account money.
    const quantity = Math.min(OUTLIER_ITEM.maxQty, Math.floor(before * 0.6 / OUTLIER_ITEM.unitFen))
    if (quantity < 1) return undefined
    const amountFen = quantity * OUTLIER_ITEM.unitFen
    const item: DemoSettlementItem = { name: OUTLIER_ITEM.name, category: OUTLIER_ITEM.category, quantity, amountFen, fundCoveredFen: 0 }
    const code = this.rules.pharmacy[this.rules.pharmacy.length - 1]!
    const key = `${this.plan.facts.n}:s:${++this.settlementSeq}`
    this.pending.push({ at, run: (allow) => {
      const accountFen = Math.min(amountFen, allow)
      this.settlements.push({ key, institutionCode: code, visitType: 'pharmacy', settledAt: at, postedAt, totalFen: amountFen,
        fundFen: 0, accountFen, mutualAidFen: 0, selfFen: amountFen - accountFen, beneficiaryName: null, beneficiaryRelation: null,
        items: [item] })
      if (accountFen > 0) this.debit({ kind: 'consumption', amountFen: -accountFen, occurredAt: at, postedAt, settlementKey: key, counterpartyName: null, note: null })
    } })
    return { ms: at.getTime(), fen: amountFen }
  }

  // --- claims ---------------------------------------------------------------------------------------------------

  /** Events are laid out backwards from the last one, a few working days apart, during office hours. */
  private claim (c: ClaimPlan, index: number): void {
    const path = CLAIM_PATHS[c.stage]
    const asOfDay = dayOf(this.asOf)
    const days: number[] = []
    let dn = prevWeekday(asOfDay - c.endDaysAgo)
    for (let i = path.length - 1; i >= 0; i--) {
      days.unshift(dn)
      dn = prevWeekday(dn - this.rng.int(1, 5))
    }
    const times = days.map((d) => timeOn(this.rng, d, 9, 17))
    const events: DemoClaimEvent[] = path.map((stage, i) => ({ stage, occurredAt: times[i]!, note: claimNote(stage, c) }))
    const submittedAt = times[0]!
    const { y, mo, d } = ymd(dayOf(submittedAt))
    this.claims.push({
      claimNo: `BX${this.plan.facts.regionCode}${y}${pad(mo)}${pad(d)}${pad(this.plan.facts.n, 6)}${index}`,
      institutionCode: c.institutionCode, title: c.title, stage: c.stage, claimedFen: c.claimedFen,
      approvedFen: c.stage === 'approved' || c.stage === 'paid' ? (c.approvedFen ?? c.claimedFen) : null,
      missingMaterials: c.stage === 'materials_needed' ? (c.missingMaterials ?? []) : [],
      submittedAt, updatedAt: times[times.length - 1]!, events,
      payout: c.noPayout ? null : demoPayout(this.plan.facts),
    })
  }
}

/** The bank that issues social security cards in the region (by province), as plausible demo text. */
const PAYOUT_BANKS: Readonly<Record<string, string>> = { 31: '上海银行', 11: '北京银行', 44: '广州农村商业银行', 33: '杭州银行' }

/**
 * A made-up 19-digit card number with a valid Luhn digit, derived from the person (no PRNG draw, so adding payouts
 * changed no other demo value). Only its last four digits ever leave the server.
 */
function demoPayout (f: DemoPersonFacts): DemoPayout {
  const body = `623199${f.regionCode}${pad(f.n, 6)}`
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9 }
    sum += d
  }
  return { bankName: PAYOUT_BANKS[f.regionCode.slice(0, 2)] ?? '中国工商银行', cardNumber: body + String((10 - (sum % 10)) % 10) }
}

/** The stages a claim passes through to reach each stage (the order the bureau works in). */
export const CLAIM_PATHS: Readonly<Record<ClaimStage, readonly ClaimStage[]>> = {
  submitted: ['submitted'],
  first_review: ['submitted', 'first_review'],
  second_review: ['submitted', 'first_review', 'second_review'],
  approved: ['submitted', 'first_review', 'second_review', 'approved'],
  paid: ['submitted', 'first_review', 'second_review', 'approved', 'paid'],
  rejected: ['submitted', 'first_review', 'rejected'],
  materials_needed: ['submitted', 'first_review', 'materials_needed'],
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

function claimNote (stage: ClaimStage, c: ClaimPlan): string {
  switch (stage) {
    case 'submitted': return '已提交报销申请及材料'
    case 'first_review': return '医保经办机构已受理，正在初审'
    case 'second_review': return '初审通过，进入复审'
    case 'approved': return `复审通过，核定报销金额 ${yuan(c.approvedFen ?? c.claimedFen)}`
    case 'paid': return '报销款已拨付至本人社会保障卡银行账户'
    case 'rejected': return c.rejectReason ?? '不符合报销条件，不予报销'
    case 'materials_needed': return `材料不全，请补充：${(c.missingMaterials ?? []).join('、')}`
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The stories of the fixed demo persons, relative to the asOf month so that every asOf gives the same shape.

function demoPlans (rng: Prng, asOf: Date): PersonPlan[] {
  const now = monthIndexOf(asOf)
  const [p1, p2, p3, p4] = DEMO_PERSONS as [DemoPersonFacts, DemoPersonFacts, DemoPersonFacts, DemoPersonFacts]
  const gapMonth = now - rng.int(16, 22)
  // Shanghai adjusts the contribution base every July; the new employer after the gap pays on a higher base.
  const baseYear = (mi: number) => { const { y, mo } = monthOf(mi); return mo >= 7 ? y : y - 1 }
  const p1Base = (mi: number) => Math.round((11_000 + 650 * (baseYear(mi) - 2020)) * (mi > gapMonth ? 1.12 : 1)) * 100
  return [
    {
      facts: p1, months: 36, spendPerMonth: 1.6,
      employer: { units: [{ fromMonth: -Infinity, name: '上海申江信息技术有限公司' }, { fromMonth: gapMonth + 1, name: '上海漕河泾智能制造有限公司' }], baseFen: p1Base },
      gapMonth, latePaidMonth: now - rng.int(6, 9), outlierMonth: now - rng.int(2, 4),
      stay: { template: 'appendix', month: now - rng.int(10, 14) },
      mutualAid: { child: { name: '陈小满', relation: '女儿', month: now - rng.int(5, 8) }, premium: { name: '陈国栋', relation: '父亲' } },
      oddCharges: { farAwayMonth: now - 1, farAwayCode: 'P44010600001', repeatedMonth: now - 3 },
      claims: [
        { stage: 'paid', title: '异地就医门诊费用报销（浙江省杭州市）', institutionCode: 'H33010600001', claimedFen: 128_640, approvedFen: 110_230, endDaysAgo: rng.int(200, 260) },
        { stage: 'rejected', title: '外购药品费用报销', institutionCode: null, claimedFen: 46_800, endDaysAgo: rng.int(100, 140),
          rejectReason: '所购药品为医保目录外（丙类）药品，不予报销' },
        { stage: 'materials_needed', title: '住院费用零星报销', institutionCode: 'H31010400001', claimedFen: 862_450, endDaysAgo: rng.int(8, 15),
          missingMaterials: ['出院小结（加盖医院公章）', '住院费用明细清单', '本人社会保障卡银行账户信息'], noPayout: true },
        { stage: 'first_review', title: '外地急诊费用报销（江苏省苏州市）', institutionCode: null, claimedFen: 35_620, endDaysAgo: rng.int(1, 3) },
      ],
    },
    {
      facts: p2, months: 36, spendPerMonth: 1.8,
      stay: { template: 'cataract', month: now - rng.int(15, 25) },
      claims: [
        { stage: 'approved', title: '异地就医住院费用报销（海南省三亚市）', institutionCode: null, claimedFen: 523_000, approvedFen: 418_400, endDaysAgo: rng.int(4, 9) },
        // Just handed in; a fixed day rather than a PRNG draw, so that the other persons' data stay as they were.
        { stage: 'submitted', title: '门诊慢特病费用报销（高血压）', institutionCode: 'H11010500001', claimedFen: 68_450, endDaysAgo: 1 },
      ],
    },
    {
      facts: p3, months: 36, spendPerMonth: 1.1,
      stay: { template: 'gallbladder', month: now - rng.int(6, 18) },
      claims: [
        { stage: 'second_review', title: '门诊慢特病费用报销', institutionCode: 'H44010600001', claimedFen: 96_300, endDaysAgo: rng.int(2, 6) },
      ],
    },
    {
      // A short, simple history: started her first job four months ago, a few pharmacy visits, no claims.
      facts: p4, months: 4, spendPerMonth: 0.6,
      employer: { units: [{ fromMonth: -Infinity, name: '杭州西溪数智科技有限公司' }], baseFen: () => 680_000 },
      claims: [],
    },
  ]
}

function checkAsOf (asOf: Date): void {
  if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new Error('asOf must be a valid Date')
}

/** The demo data set: the fixed persons of DEMO_PERSONS with about three years of records up to asOf. */
export function generateDemo (o: { asOf: Date; seed?: number }): DemoData {
  checkAsOf(o.asOf)
  const seed = o.seed ?? DEFAULT_DEMO_SEED
  const root = new Prng(seed)
  const plans = demoPlans(root.fork('plans'), o.asOf)
  return {
    version: DEMO_VERSION, seed, asOf: new Date(o.asOf.getTime()),
    institutions: DEMO_INSTITUTIONS.map(copyInstitution),
    persons: plans.map((p) => new PersonBuilder(p, root.fork(`person-${p.facts.n}`), o.asOf).build()),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bulk data for benchmarks: many synthetic persons through the same builder. Ledger entries per employee are
// about months × (1 + spendPerMonth × share paid from the account) plus a yearly interest entry.

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '晓东', '子涵', '雨萱']

/** Every bulk person shares one query password, so that seeding hashes it once (scrypt is slow on purpose). */
export const BULK_QUERY_PASSWORD = '246810'

export interface BulkOptions {
  asOf: Date
  /** How many persons. */
  persons: number
  /** Months of history per person (default 36). */
  months?: number
  /** Average settlements per person and month (default 2). */
  spendPerMonth?: number
  seed?: number
}

export function generateBulk (o: BulkOptions): DemoData {
  checkAsOf(o.asOf)
  if (!Number.isInteger(o.persons) || o.persons < 0) throw new Error('persons must be a non-negative integer')
  const months = o.months ?? 36
  if (!Number.isInteger(months) || months < 1) throw new Error('months must be a positive integer')
  const spendPerMonth = o.spendPerMonth ?? 2
  const seed = o.seed ?? DEFAULT_DEMO_SEED
  const root = new Prng(seed)
  const now = monthIndexOf(o.asOf)
  const asOfYear = monthOf(now).y
  const usedIds = new Set<string>()
  const persons: DemoPersonData[] = []
  for (let i = 0; i < o.persons; i++) {
    const n = i + 1
    const rng = root.fork(`bulk-${n}`)
    const regionCode = rng.pick(REGIONS)
    const roll = rng.next()
    const insuranceType: InsuranceType = roll < 0.7 ? 'employee' : roll < 0.9 ? 'retiree' : 'resident'
    const birthYear = insuranceType === 'retiree' ? rng.int(asOfYear - 85, asOfYear - 61)
      : insuranceType === 'employee' ? rng.int(asOfYear - 58, asOfYear - 20) : rng.int(asOfYear - 75, asOfYear - 5)
    const birth = `${birthYear}${pad(rng.int(1, 12))}${pad(rng.int(1, 28))}`
    let seq = rng.int(0, 999)
    let id = idNumber(`${regionCode.slice(0, 2)}9901`, birth, pad(seq, 3))
    while (usedIds.has(id)) { seq = (seq + 2) % 1000; id = idNumber(`${regionCode.slice(0, 2)}9901`, birth, pad(seq, 3)) }
    usedIds.add(id)
    const f = facts(n, {
      name: rng.pick(SURNAMES) + rng.pick(GIVEN), insuranceType, regionCode,
      phone: `139${pad(n, 8)}`, idNumber: id, cardNumber: `BK${pad(n, 8)}`, queryPassword: BULK_QUERY_PASSWORD,
    })
    const baseFen = rng.int(RULES[regionCode].minBaseYuan, RULES[regionCode].minBaseYuan * 3) * 100
    const plan: PersonPlan = {
      facts: f, months, spendPerMonth,
      employer: insuranceType === 'employee' ? { units: [{ fromMonth: -Infinity, name: '演示企业有限公司' }], baseFen: () => baseFen } : undefined,
      gapMonth: insuranceType === 'employee' && months > 6 && rng.chance(0.05) ? now - rng.int(3, months - 2) : undefined,
      claims: rng.chance(0.3)
        ? [{ stage: rng.pick(Object.keys(CLAIM_PATHS) as ClaimStage[]), title: '门诊费用零星报销', institutionCode: RULES[regionCode].outpatient[0]!,
            claimedFen: rng.int(100, 5_000) * 100, endDaysAgo: rng.int(1, 60), missingMaterials: ['费用明细清单'] }]
        : [],
    }
    if (plan.claims[0]?.stage === 'approved' || plan.claims[0]?.stage === 'paid') plan.claims[0].approvedFen = Math.round(plan.claims[0].claimedFen * 0.8)
    persons.push(new PersonBuilder(plan, rng.fork('history'), o.asOf).build())
  }
  return { version: DEMO_VERSION, seed, asOf: new Date(o.asOf.getTime()), institutions: DEMO_INSTITUTIONS.map(copyInstitution), persons }
}
