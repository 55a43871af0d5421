// The demo institutions. Names and codes are plausible, not real (H = medical institution, P = pharmacy, then the
// 6-digit region and a 5-digit number, the shape of the national 定点医药机构 codes). Desk phone numbers have a local
// part starting with 0, which no Chinese landline number has (local numbers start with 2–8), so that nobody dials a
// stranger from the demo; streets are made up.
import { entryCodeFromBytes, ENTRY_CODE_BYTES } from '../../domain/entry-codes'
import { regionName } from '../../domain/regions'
import { Prng } from '../prng'
import { DEFAULT_DEMO_SEED, type DemoInstitution } from './types'

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
export const copyInstitution = (i: DemoInstitution): DemoInstitution => ({ ...i, desk: i.desk && { ...i.desk }, bring: [...i.bring] })

export const institutionByCode = new Map(DEMO_INSTITUTIONS.map((i) => [i.code, i]))
