// 账户余额 rendered through the Taro and component mocks, against a fake server behind Taro.request: an employee's
// balance and this year's reconciliation, a retiree's wording, a resident's yearly payments with no balance, and the
// three entries into the lists.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import BalancePage from '../../../src/packages/account/pages/balance/index'
import { rootStore } from '../../../src/stores/index'
import { storage } from '../../../src/platform/storage'
import { PRIVACY_STORAGE_KEY } from '../../../src/stores/consent-store'
import type { AccountSummary } from '../../../types/api/account'
import { employeeSummary, loginResult, residentSummary } from '../stores/fakes'
import { bothAccepted, CONSENT_VERSION } from '../stores/consent-fakes'

const request = Taro.request as unknown as jest.Mock
type Req = { url: string }

function serve (summary: AccountSummary) {
  request.mockImplementation(async (req: Req) => {
    const path = new URL(req.url).pathname
    if (path === '/api/v1/auth/login/sms') return { statusCode: 200, header: {}, data: loginResult }
    if (path === '/api/v1/auth/logout') return { statusCode: 204, header: {}, data: '' }
    if (path === '/api/v1/consents') return { statusCode: 200, header: {}, data: bothAccepted }
    if (path === '/api/v1/account') return { statusCode: 200, header: {}, data: summary }
    return { statusCode: 404, header: {}, data: { error: { code: 'not_found', message: '没有找到' } } }
  })
}

function byClass (name: string, root: ParentNode = document): HTMLElement {
  const el = root.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`.${name} not rendered`)
  return el
}

/** An element's pieces of text (a cell's tag, title, description, figure) in reading order, one space between. */
function readText (el: Element): string {
  const parts: string[] = []
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.trim()) parts.push(n.textContent!.trim())
  return parts.join(' ')
}
const cellText = (name: string) => readText(byClass(name))

async function openAs (summary: AccountSummary) {
  serve(summary)
  await act(async () => { await rootStore.session.loginWithSms('13812345678', '123456') })
  render(<BalancePage />)
  await screen.findByText(/数据截至/)
}

describe('packages/account/pages/balance', () => {
  // This device agreed to the privacy policy on an earlier run; the server has both consents.
  beforeAll(async () => {
    await storage.set(PRIVACY_STORAGE_KEY, JSON.stringify({ version: CONSENT_VERSION, acceptedAt: '2026-11-20T03:00:00.000Z' }))
    await rootStore.consent.readLocal()
  })
  beforeEach(async () => {
    request.mockReset()
    ;(Taro.navigateTo as jest.Mock).mockClear()
    await act(async () => { await rootStore.session.endSession(null) })
  })
  afterEach(cleanup)
  afterAll(() => rootStore.dispose())

  it('employee: the balance, 数据截至 with the 1–3 days note, and this year as a reconciliation', async () => {
    await openAs(employeeSummary)
    // The figure, and for a screen reader the same amount once in words.
    expect(byClass('balance-amount').textContent).toBe('¥1,234.56个人账户余额 1234 元 56 分')
    expect(byClass('as-of').textContent).toContain('数据截至 2026年1月15日 星期四')
    expect(byClass('delay-note').textContent).toContain('1 到 3 天')
    expect(byClass('delay-note').textContent).toContain('每月的缴费')

    screen.getByText('2026年收支')
    expect(cellText('flow-opening')).toBe('年初余额 2026年1月1日的余额 ¥1,000.00')
    // Each line says in words which way the money went, and its figure carries a visible + or −.
    expect(cellText('flow-credited')).toBe('收入 计入个人账户 个人缴费中划入账户的部分 +¥400.00')
    expect(cellText('flow-hospitals')).toBe('支出 在医院和诊所支付 本人看病时从账户支付 −¥90.00')
    expect(cellText('flow-pharmacies')).toBe('支出 在药店支付 本人买药时从账户支付 −¥55.44')
    expect(cellText('flow-mutualAid')).toBe('支出 家庭共济 为家人付的医疗费和医保费 −¥20.00')
    // No adjustments this year: no line for them.
    expect(document.querySelector('.flow-adjustments')).toBeNull()
    expect(cellText('flow-balance')).toBe('当前余额 ¥1,234.56')
    // 1,000.00 + 400.00 − (90.00 + 55.44 + 20.00) = 1,234.56
    expect(byClass('reconcile-line').textContent).toBe('年初余额 ¥1,000.00 + 收入 ¥400.00 − 支出 ¥165.44 = 当前余额 ¥1,234.56')
    const rows = [...document.querySelectorAll('.flows-group .nut-cell')].map((el) => el.className.match(/flow-(?!cell)(\w+)/)![1])
    expect(rows).toEqual(['opening', 'credited', 'hospitals', 'pharmacies', 'mutualAid', 'balance'])

    screen.getByText('2026年看病和报销')
    expect(cellText('fact-settlements')).toBe('医保结算 在医院和药店用医保结算的次数 3 笔')
    expect(cellText('fact-total')).toBe('总费用 ¥300.00')
    expect(cellText('fact-fund')).toBe('其中统筹基金支付 医保基金替您付的部分 ¥120.00')
    expect(cellText('fact-inProgress')).toBe('报销办理中 1 笔')
    expect(cellText('fact-paid')).toBe('今年报销已到账 今年还没有打款到账的报销 暂无')

    expect(byClass('insurance-type').textContent).toBe('职工医保（在职）')
    expect(byClass('region-name').textContent).toBe('北京市朝阳区')
    expect(document.querySelector('.premiums-group')).toBeNull()
  })

  it('an adjustment gets its own line with its direction, and the sum still ties to the balance', async () => {
    // Interest credited (+¥12.34) and a correction taking money back (−¥5.00), with balances to match.
    const y = employeeSummary.thisYear
    await openAs({ ...employeeSummary, balanceFen: employeeSummary.balanceFen + 1_234, thisYear: { ...y, adjustmentsFen: 1_234 } })
    expect(cellText('flow-adjustments')).toBe('收入 其他调整 如年度结息、更正 +¥12.34')
    expect(byClass('reconcile-line').textContent).toBe('年初余额 ¥1,000.00 + 收入 ¥412.34 − 支出 ¥165.44 = 当前余额 ¥1,246.90')
    cleanup()

    await openAs({ ...employeeSummary, balanceFen: employeeSummary.balanceFen - 500, thisYear: { ...y, adjustmentsFen: -500 } })
    expect(cellText('flow-adjustments')).toBe('支出 其他调整 如年度结息、更正 −¥5.00')
    expect(byClass('reconcile-line').textContent).toBe('年初余额 ¥1,000.00 + 收入 ¥400.00 − 支出 ¥170.44 = 当前余额 ¥1,229.56')
  })

  it('figures that do not add up are not presented as a sum: a plain note says the balance above counts', async () => {
    await openAs({ ...employeeSummary, balanceFen: employeeSummary.balanceFen + 1 })
    expect(byClass('reconcile-line').textContent).toBe('今年的各项收支还在核对中，账户余额以上面显示的为准。')
    expect(byClass('balance-amount').textContent).toContain('¥1,234.57')
  })

  it('retiree: the monthly amount from the pooled fund is 每月划入, and nothing speaks of paying in', async () => {
    await openAs({ ...employeeSummary, insuranceType: 'retiree', insuranceTypeName: '职工医保（退休）' })
    expect(cellText('flow-credited')).toBe('收入 每月划入 统筹基金每月定额划入 +¥400.00')
    expect(byClass('delay-note').textContent).toContain('每月的划入')
    expect(byClass('delay-note').textContent).not.toContain('缴费')
    expect(cellText('entry-contributions')).toBe('缴费记录 每月划入个人账户的金额 ›')
    expect(byClass('insurance-type').textContent).toBe('职工医保（退休）')
  })

  it('resident: says kindly there is no personal account, lists the yearly payments, and shows no ¥0.00', async () => {
    await openAs(residentSummary)
    screen.getByText(/城乡居民医保没有个人账户/)
    expect(document.querySelector('.balance-amount')).toBeNull()
    expect(document.querySelector('.flows-group')).toBeNull()
    expect(document.querySelector('.reconcile-line')).toBeNull()
    expect(document.body.textContent).not.toContain('¥0.00')
    expect(document.body.textContent).not.toContain('余额 ¥')
    // The key figure instead of a balance: this year's 参保状态 and premium.
    expect(byClass('balance-label').textContent).toBe('2026年度参保状态')
    expect(byClass('standing-status').textContent).toBe('✓ 已参保')
    expect(byClass('standing-detail').textContent).toBe('2026年度个人缴费 ¥400.00，2025年11月19日缴纳')
    expect(byClass('delay-note').textContent).toContain('每年的缴费')

    screen.getByText('每年缴费')
    const premiums = [...document.querySelectorAll('.premium-cell')].map(readText)
    expect(premiums).toEqual(['2026年度 缴费日期 2025年11月19日 ¥400.00', '2025年度 缴费日期 2024年11月19日 ¥400.00'])

    expect(cellText('fact-settlements')).toBe('医保结算 在医院和药店用医保结算的次数 2 笔')
    expect(cellText('fact-total')).toBe('总费用 ¥200.00')
    expect(cellText('fact-fund')).toBe('其中统筹基金支付 医保基金替您付的部分 ¥90.00')
    expect(cellText('fact-inProgress')).toBe('报销办理中 目前没有正在办理的报销申请 没有')
    expect(cellText('entry-contributions')).toBe('缴费记录 每年的城乡居民医保缴费 ›')
    expect(byClass('insurance-type').textContent).toBe('城乡居民医保')
  })

  it('resident with no payments found yet and no visits: says why, still nothing that looks like a balance', async () => {
    await openAs({ ...residentSummary, thisYear: { ...residentSummary.thisYear, premiums: [], settlementCount: 0, settlementTotalFen: 0, fundPaidFen: 0 } })
    expect(cellText('premiums-empty')).toContain('还没有查到缴费记录')
    expect(byClass('standing-status').textContent).toBe('! 未查到缴费')
    expect(cellText('premiums-empty')).toContain('12393')
    expect(cellText('fact-settlements')).toBe('医保结算 今年还没有在医院或药店用医保结算的记录 还没有')
    expect(document.querySelector('.fact-total')).toBeNull()
    expect(document.body.textContent).not.toContain('¥0.00')
  })

  it('the three entries open 缴费记录, 消费记录 and 报销进度', async () => {
    await openAs(employeeSummary)
    const entries = byClass('balance-entries')
    within(entries).getByText('缴费记录')
    expect(cellText('entry-claims')).toBe('报销进度 办理中 1 笔，看看办到了哪一步 ›')
    for (const [entry, page] of [['entry-contributions', 'contributions'], ['entry-spending', 'spending'], ['entry-claims', 'claims']]) {
      fireEvent.click(byClass(entry, entries))
      expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/account/pages/${page}/index` })
    }
    expect(Taro.navigateTo).toHaveBeenCalledTimes(3)
  })
})
