// 缴费记录 contract: GET /api/v1/contributions. One list, newest period first, of the person's contributions with
// the missing periods (断缴 / 断保) interleaved where they fall, each explained in plain Chinese.
import { Type, type Static } from 'typebox'
import { PageQuery } from './list'

const MonthOrYear = Type.String({ pattern: '^[0-9]{4}(-(0[1-9]|1[0-2]))?$', description: '所属期：职工按月 YYYY-MM，城乡居民按年 YYYY' })
const Fen = (description: string) => Type.Integer({ minimum: 0, description: `${description}，单位：分` })

/**
 * Query: the shared page parameters. `from` / `to` (China dates, inclusive) select by 所属期: a month (or, for
 * residents, a year) is listed when any of its days lies in the range, e.g. from=2025-01-01&to=2025-12-31 gives the
 * twelve months of 2025. A missing stretch is listed when any of its months lies in the range.
 */
export const ContributionsQuery = PageQuery
export type ContributionsQuery = Static<typeof ContributionsQuery>

export const ContributionItem = Type.Object({
  kind: Type.Literal('contribution'),
  id: Type.Integer({ minimum: 1 }),
  period: MonthOrYear,
  paidAt: Type.String({ format: 'date-time', description: '缴费到账时间' }),
  baseFen: Fen('缴费基数（城乡居民没有缴费基数，为 0）'),
  employerFen: Fen('单位缴纳部分：全部进入统筹基金，不计入个人账户（城乡居民为 0）'),
  personalFen: Fen('个人缴纳部分'),
  creditedFen: Fen('计入个人账户的金额（职工为个人缴纳部分；城乡居民没有个人账户，为 0）'),
  payingUnit: Type.String({ description: '缴费单位（城乡居民为缴费方式，如“个人缴纳（银行代扣）”）' }),
  latePaid: Type.Boolean({ description: '是否为补缴（过了当月才缴上的）' }),
  status: Type.Union([Type.Literal('paid'), Type.Literal('late_paid')], { description: 'paid 按时缴费，late_paid 补缴' }),
}, { description: '一条缴费记录' })
export type ContributionItem = Static<typeof ContributionItem>

export const ContributionGap = Type.Object({
  kind: Type.Literal('gap'),
  id: Type.String({ description: '稳定的标识，如 gap-2025-02（以断缴的最早所属期命名）' }),
  period: MonthOrYear,
  fromPeriod: MonthOrYear,
  toPeriod: MonthOrYear,
  months: Type.Integer({ minimum: 1, description: '连续缺失的月数（城乡居民为年数）' }),
  ongoing: Type.Boolean({ description: '至今仍未恢复缴费（缺失一直延续到数据截至前最后一个完整的月份或年度）' }),
  title: Type.String({ description: '一句话标题，如“2025年2月 断缴 1 个月”' }),
  explanation: Type.String({ description: '用平实的中文说明断缴对本人意味着什么、可以怎么办' }),
}, {
  description: '断缴（城乡居民为断保）：从第一次缴费到数据截至前最后一个完整的月份（城乡居民为当年）之间没有缴费记录的连续所属期。' +
    'period 是它在列表中的位置：范围内最新的那个缺失所属期（不带 from/to 时等于 toPeriod）；一段断缴只出现一次，在它最新的月份所在的那一页。',
})
export type ContributionGap = Static<typeof ContributionGap>

export const ContributionEntry = Type.Union([ContributionItem, ContributionGap], { description: '按 kind 区分：contribution 缴费记录，gap 断缴' })
export type ContributionEntry = Static<typeof ContributionEntry>

export const ContributionsPage = Type.Object({
  items: Type.Array(ContributionEntry, { description: '按所属期从新到旧；断缴按它最新的缺失所属期插在相应位置' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: '下一页的游标；最后一页为 null' }),
  asOf: Type.String({ format: 'date-time', description: '数据截至时间' }),
  note: Type.Union([Type.String(), Type.Null()], {
    description: '给本人看的说明，显示在列表上方：退休人员为什么没有缴费记录、城乡居民按年缴费且没有个人账户、职工单位缴费去向等',
  }),
})
export type ContributionsPage = Static<typeof ContributionsPage>
