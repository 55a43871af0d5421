// The demo persons as people read them: the README table (kept equal to the generator by a test) and the start banner.
import { regionName } from '../domain/regions'
import { DEMO_PERSONS, type DemoPersonFacts, type InsuranceType } from './generator'

export const README_START = '<!-- demo-persons:start -->'
export const README_END = '<!-- demo-persons:end -->'

/** The same words as the account summary (server/domain/account.ts), which does not export its table. */
const insuranceTypeNames: Record<InsuranceType, string> = {
  employee: '职工医保（在职）',
  retiree: '职工医保（退休）',
  resident: '城乡居民医保',
}

const region = (p: DemoPersonFacts) => regionName(p.regionCode) ?? p.regionCode
const code = (s: string) => `\`${s}\``

/** A Markdown table of the demo persons, in Chinese, one row per person in DEMO_PERSONS order. */
export function renderDemoPersonsTable (): string {
  const header = ['序号', '姓名', '参保类型', '参保地', '手机号', '身份证号', '医保卡号', '查询密码', '开发登录码']
  const rows = DEMO_PERSONS.map((p) => [
    String(p.n), p.name, insuranceTypeNames[p.insuranceType], region(p), code(p.phone), code(p.idNumber),
    code(p.cardNumber), code(p.queryPassword), `${code(p.wechatCode)} / ${code(p.alipayCode)}`,
  ])
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n'
}

/** README text with the block between the markers replaced by the current table (the markers must exist). */
export function replaceReadmeBlock (readme: string): string {
  const start = readme.indexOf(README_START)
  const end = readme.indexOf(README_END)
  if (start < 0 || end < start) throw new Error(`README has no ${README_START} … ${README_END} block`)
  return readme.slice(0, start + README_START.length) + '\n' + renderDemoPersonsTable() + readme.slice(end)
}

/** What `npm start` prints (stdout, dev mode only): where to open the app and whom to log in as. */
export function renderDemoBanner (url: string): string {
  const lines = [
    `演示环境：用浏览器打开 ${url}，或在小程序开发者工具中使用下列开发登录码（仅限开发模式 DEV_MODE=1）。`,
    ...DEMO_PERSONS.map((p) => `  ${p.n}. ${p.name}  ${insuranceTypeNames[p.insuranceType]}  ${region(p)}  ` +
      `手机号 ${p.phone}  查询密码 ${p.queryPassword}  登录码 ${p.wechatCode} / ${p.alipayCode}`),
    '  短信验证码不会真的发出：见服务输出，或管理端口上的 GET /api/v1/dev/sms-outbox（需 X-Operator-Token）。',
  ]
  return lines.join('\n') + '\n'
}
