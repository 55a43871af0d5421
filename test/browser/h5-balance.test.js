// Browser layer: 账户余额 on the H5 build, served by the real server, for an employee (the balance and this year's
// money in and out as a sum), a retiree (每月划入) and a resident (no personal account: the yearly payments instead),
// each logged in with the query password as a person would, with screenshots of the whole page.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
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
async function openBalanceAs (n) {
  const person = demoPersons()[n - 1]
  const page = await phonePage(browser, pageErrors)
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page)
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.locator('.password-tab').click()
  await login.locator('.password-tab.nut-tabs-titles-item-active').waitFor()
  await login.locator('.identifier-input input').fill(person.idNumber)
  await login.locator('.password-input input').fill(person.queryPassword)
  await login.locator('taro-button-core.password-login-btn').click()
  await agreeToSensitive(page)
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.card-more').click()
  const balance = page.locator('.taro_page_stationed .balance-page')
  await balance.locator('.as-of').getByText(/数据截至/).waitFor()
  return { page, balance }
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
  expect(await readable(balance.locator('.flow-mutualAid'))).toContain(y.mutualAidFen ? `−${yuan(y.mutualAidFen)}` : '¥0.00')
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
  await shoot(page, 'h5-balance-employee.png')

  // 消费记录 from its entry.
  await balance.locator('.entry-spending').click()
  await page.locator('.taro_page_stationed .spending-page').getByText('医院和药店的结算').waitFor()
  expect(pageErrors).toEqual([])
})

test('retiree: the monthly amount from the pooled fund reads 每月划入', async () => {
  const summary = await expectedSummary(2)
  expect(summary.insuranceType).toBe('retiree')
  const { page, balance } = await openBalanceAs(2)
  await balance.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  expect(await readable(balance.locator('.flow-credited'))).toMatch(/^收入 ?每月划入 统筹基金每月定额划入 \+¥/)
  expect(await readable(balance.locator('.delay-note'))).toContain('每月的划入')
  expect(await readable(balance.locator('.entry-contributions'))).toContain('每月划入个人账户的金额')
  await shoot(page, 'h5-balance-retiree.png')
  expect(pageErrors).toEqual([])
})

test('resident: no personal account said kindly, the yearly payments, visits and claims; nothing reads ¥0.00', async () => {
  const summary = await expectedSummary(3)
  expect(summary.hasPersonalAccount).toBe(false)
  const y = summary.thisYear
  expect(y.premiums.length).toBeGreaterThan(0)
  const { page, balance } = await openBalanceAs(3)

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
  await shoot(page, 'h5-balance-resident.png')

  // 缴费记录 from its entry.
  await balance.locator('.entry-contributions').click()
  await page.locator('.taro_page_stationed .contributions-page').waitFor()
  expect(pageErrors).toEqual([])
})
