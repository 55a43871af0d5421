// What is bought: the items of outpatient, pharmacy and hospital bills, with unit prices in fen (drawn in 0.1-yuan
// steps) and quantities, and the share of each the pooled fund pays.
import type { Prng } from '../prng'
import { FUND_RATIO, type CareSetting } from './rules'
import type { DemoSettlementItem, InsuranceType, ItemCategory } from './types'

export interface ItemTemplate { name: string; category: ItemCategory; min: number; max: number; qty?: [number, number] }

export const CONSULTATIONS: ItemTemplate[] = [
  { name: '普通门诊诊查费', category: 'A', min: 2_500, max: 3_000 },
  { name: '副主任医师门诊诊查费', category: 'A', min: 3_500, max: 5_000 },
]
export const OUTPATIENT_EXTRAS: ItemTemplate[] = [
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
export const CHRONIC_MEDS: ItemTemplate[] = [
  { name: '苯磺酸氨氯地平片 5mg×28片', category: 'A', min: 1_500, max: 2_800, qty: [1, 3] },
  { name: '阿托伐他汀钙片 20mg×14片', category: 'A', min: 600, max: 1_400, qty: [1, 3] },
  { name: '阿司匹林肠溶片 100mg×30片', category: 'A', min: 1_200, max: 1_800, qty: [1, 2] },
  { name: '缬沙坦胶囊 80mg×28粒', category: 'B', min: 2_000, max: 3_600, qty: [1, 2] },
  { name: '盐酸二甲双胍缓释片 0.5g×30片', category: 'A', min: 900, max: 1_600, qty: [1, 3] },
]
export const PHARMACY_ITEMS: ItemTemplate[] = [
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
export const PEDIATRIC: ItemTemplate[] = [
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
export const STAYS: Record<'appendix' | 'cataract' | 'gallbladder', StayTemplate> = {
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
export const OUTLIER_ITEM = { name: '人血白蛋白注射液 10g/50ml', category: 'B' as const, unitFen: 46_000, maxQty: 8 }

export function drawItems (rng: Prng, templates: ItemTemplate[], insuranceType: InsuranceType, setting: CareSetting): DemoSettlementItem[] {
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
export function pickSome (rng: Prng, templates: ItemTemplate[], min: number, max: number): ItemTemplate[] {
  const count = Math.min(templates.length, rng.int(min, max))
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(rng.int(0, templates.length - 1))
  return [...chosen].sort((a, b) => a - b).map((i) => templates[i]!)
}
