// Browser layer: 账户余额 on the H5 build, served by the real server, for an employee (the balance and this year's
// money in and out as a sum), a retiree (每月划入, no 家庭共济 line when none was paid) and a resident (no personal
// account: this year's 参保状态 and premium as the key figure, the yearly payments), each logged in with the query
// password as a person would, in the standard mode and 长辈模式, with axe, headings and the entries found by role,
// and screenshots of the whole page.
const { join } = require('node:path')
const { launchBrowser, outputDir: out } = require('../support/browser')
const { signedInHome } = require('../support/sign-in')
const { expectAccessible } = require('../support/a11y')
const { yuan } = require('../support/money')
const { startServer, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(180_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

/**
 * What 账户余额 should show for demo person n, read from the API in a session of the test's own, before the person's
 * login (readAs gives consents for its read and takes them back, so the person still meets the consent panel).
 */
const expectedSummary = (n) => readAs(server.url, `wx-demo-${n}`, '/api/v1/account')

/** A China calendar date the way the page writes it (2025年11月19日), computed without the app's code. */
const chinaDate = (iso) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })

/** Demo person n from a fresh browser: privacy → 登录 (查询密码) → consent → 首页 → 账户余额. Returns { page, balance }. */
async function openBalanceAs (n, { elder = false } = {}) {
  const { page, home } = await signedInHome(browser, server.url, demoPersons()[n - 1], { elder, pageErrors })
  // 首页 offers 账户余额 from the balance card; a resident has no balance, so no card leads there: the page's address.
  if (n === 3) await page.goto(`${server.url}/#/packages/account/pages/balance/index`)
  else await home.locator('.card-more').click()
  const balance = page.locator('.taro_page_stationed .balance-page')
  await balance.locator('.as-of').getByText(/数据截至/).waitFor()
  if (elder) await page.locator('.taro_page_stationed .balance-page.elder').waitFor()
  return { page, balance }
}

/** What every 余额 page offers by role: its headings and the three ways into the lists, as buttons. */
async function expectRoles (page, summary) {
  await page.getByRole('heading', { name: summary.hasPersonalAccount ? '个人账户余额' : `${summary.thisYear.year}年度参保状态`, level: 1 }).waitFor()
  for (const name of ['查看明细', '参保信息', `${summary.thisYear.year}年看病和报销`]) await page.getByRole('heading', { name, level: 2 }).waitFor()
  for (const name of ['缴费记录', '消费记录', '报销进度']) await page.getByRole('button', { name: new RegExp(`^${name}，`) }).waitFor()
  await expectAccessible(page)
}

/**
 * The whole page, however long: the H5 page scrolls inside its own container, so a full-page shot would stop at the
 * first screen. The window is made as tall as the page for the shot, then put back.
 */
async function shoot (page, name) {
  const height = await page.locator('.taro_page_stationed .balance-page').evaluate((el) => Math.ceil(el.getBoundingClientRect().height))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

const readable = (locator) => locator.evaluate((el) => el.innerText.replace(/\s+/g, ' ').trim())

test('employee: the balance, this year as a sum that ends at it, visits and claims, and the entries', async () => {
  const summary = await expectedSummary(1)
  const y = summary.thisYear
  const { page, balance } = await openBalanceAs(1)

  await balance.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  await balance.locator('.delay-note').getByText(/1 到 3 天/).waitFor()
  await balance.getByText(`${y.year}年收支`).waitFor()
  expect(await readable(balance.locator('.flow-opening'))).toBe(`年初余额 ${y.year}年1月1日的余额 ${yuan(y.openingBalanceFen)}`)
  expect(await readable(balance.locator('.flow-credited'))).toMatch(new RegExp(`^收入 ?计入个人账户 .* \\+${yuan(y.creditedFen).replace(/[$.]/g, '\\$&')}$`))
  expect(await readable(balance.locator('.flow-hospitals'))).toContain(`−${yuan(y.spentAtHospitalsFen)}`)
  expect(await readable(balance.locator('.flow-pharmacies'))).toContain(`−${yuan(y.spentAtPharmaciesFen)}`)
  if (y.mutualAidFen) expect(await readable(balance.locator('.flow-mutualAid'))).toContain(`−${yuan(y.mutualAidFen)}`)
  else expect(await balance.locator('.flow-mutualAid').count()).toBe(0)
  expect(await balance.locator('.flow-adjustments').count()).toBe(y.adjustmentsFen ? 1 : 0)
  const income = y.creditedFen + Math.max(y.adjustmentsFen, 0)
  const spent = y.spentAtHospitalsFen + y.spentAtPharmaciesFen + y.mutualAidFen + Math.max(-y.adjustmentsFen, 0)
  expect(await readable(balance.locator('.reconcile-line')))
    .toBe(`年初余额 ${yuan(y.openingBalanceFen)} + 收入 ${yuan(income)} − 支出 ${yuan(spent)} = 当前余额 ${yuan(summary.balanceFen)}`)
  expect(await readable(balance.locator('.fact-settlements'))).toContain(`${y.settlementCount} 笔`)
  expect(await readable(balance.locator('.fact-total'))).toContain(yuan(y.settlementTotalFen))
  expect(await readable(balance.locator('.fact-fund'))).toContain(yuan(y.fundPaidFen))
  expect(await readable(balance.locator('.fact-inProgress'))).toContain(`${y.claimsInProgress} 笔`)
  expect(await readable(balance.locator('.fact-paid'))).toContain(yuan(y.claimsPaidFen))
  await balance.locator('.insurance-type').getByText(summary.insuranceTypeName).waitFor()
  await balance.locator('.region-name').getByText(summary.region.name).waitFor()
  // The balance reads as one amount.
  expect(await balance.getByText(`个人账户余额 ${Math.floor(summary.balanceFen / 100)} 元`).count()).toBe(1)
  await expectRoles(page, summary)
  await shoot(page, 'h5-balance-employee.png')

  // 消费记录 from its entry.
  await page.getByRole('button', { name: /^消费记录，/ }).click()
  await page.locator('.taro_page_stationed .spending-page').getByText('医院和药店的结算').waitFor()
  expect(pageErrors).toEqual([])
})

async function retiree ({ elder }) {
  const summary = await expectedSummary(2)
  expect(summary.insuranceType).toBe('retiree')
  const { page, balance } = await openBalanceAs(2, { elder })
  await balance.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  expect(await readable(balance.locator('.flow-credited'))).toMatch(/^收入 ?每月划入 统筹基金每月定额划入 \+¥/)
  expect(await readable(balance.locator('.delay-note'))).toContain('每月的划入')
  expect(await readable(balance.locator('.entry-contributions'))).toContain('每月划入个人账户的金额')
  // No 家庭共济 was paid this year: no line of ¥0.00 for it.
  expect(summary.thisYear.mutualAidFen).toBe(0)
  expect(await balance.locator('.flow-mutualAid').count()).toBe(0)
  expect(await balance.getByText('家庭共济').count()).toBe(0)
  await expectRoles(page, summary)
  await shoot(page, `h5-balance-retiree${elder ? '-elder' : ''}.png`)
  expect(pageErrors).toEqual([])
}

test('retiree: the monthly amount from the pooled fund reads 每月划入; no 家庭共济 line', () => retiree({ elder: false }))

test('retiree in 长辈模式', () => retiree({ elder: true }))

async function resident ({ elder }) {
  const summary = await expectedSummary(3)
  expect(summary.hasPersonalAccount).toBe(false)
  const y = summary.thisYear
  expect(y.premiums.length).toBeGreaterThan(0)
  const { page, balance } = await openBalanceAs(3, { elder })

  // The key figure: this year's 参保状态 and premium.
  const thisYear = y.premiums.find((p) => p.year === y.year)
  expect(thisYear).toBeTruthy()
  await balance.locator('.standing-status').getByText('已参保').waitFor()
  await balance.locator('.standing-detail').getByText(`${y.year}年度个人缴费 ${yuan(thisYear.amountFen)}，${chinaDate(thisYear.paidAt)}缴纳`).waitFor()
  await balance.getByText(/城乡居民医保没有个人账户/).waitFor()
  await balance.getByText('每年缴费').waitFor()
  const premiums = await balance.locator('.premium-cell').evaluateAll((els) => els.map((el) => el.innerText.replace(/\s+/g, ' ').trim()))
  expect(premiums).toEqual(y.premiums.map((p) => `${p.year}年度 缴费日期 ${chinaDate(p.paidAt)} ${yuan(p.amountFen)}`))
  expect(await readable(balance.locator('.fact-settlements'))).toContain(`${y.settlementCount} 笔`)
  expect(await readable(balance.locator('.fact-total'))).toContain(yuan(y.settlementTotalFen))
  expect(await readable(balance.locator('.entry-contributions'))).toContain('每年的城乡居民医保缴费')
  expect(await balance.locator('.balance-amount').count()).toBe(0)
  expect(await balance.locator('.flows-group').count()).toBe(0)
  expect(await readable(balance)).not.toContain('¥0.00')
  await balance.locator('.insurance-type').getByText('城乡居民医保').waitFor()
  await expectRoles(page, summary)
  await shoot(page, `h5-balance-resident${elder ? '-elder' : ''}.png`)

  // 缴费记录 from its entry.
  await page.getByRole('button', { name: /^缴费记录，/ }).click()
  await page.locator('.taro_page_stationed .contributions-page').waitFor()
  expect(pageErrors).toEqual([])
}

test('resident: 参保状态 and this year\'s premium as the key figure, no personal account said kindly, the yearly payments; nothing reads ¥0.00', () => resident({ elder: false }))

test('resident in 长辈模式', () => resident({ elder: true }))

test('employee in 长辈模式: large type, the balance at least 36 px, accessible', async () => {
  const summary = await expectedSummary(1)
  const { page, balance } = await openBalanceAs(1, { elder: true })
  await balance.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  expect(await balance.locator('.balance-amount').evaluate((el) => parseFloat(globalThis.getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(36)
  const entry = balance.locator('.entry-spending')
  expect((await entry.boundingBox()).height).toBeGreaterThanOrEqual(48)
  await expectRoles(page, summary)
  await shoot(page, 'h5-balance-employee-elder.png')
  expect(pageErrors).toEqual([])
})
