// Browser layer: 缴费记录 on H5, served by the real server, as people use it: the employee's months with a gap (断缴)
// explained, 本月 early in a month (nothing yet, and the page says why) cleared in one tap, and a retiree's note.
// The demo data end on 3 November (DEMO_AS_OF): this month's contribution is paid mid-month, so 本月 has none yet.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { yuan } = require('../support/money')
const { startServer, latestSmsCode, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(180_000)

const DEMO_AS_OF = '2026-11-03'
let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer({ DEMO_AS_OF })
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

const monthLabel = (period) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`

/** The API's answer in a session of the test's own (a dev demo login), to compare the page with. */
const apiAs = (n, path) => readAs(server.url, `wx-demo-${n}`, path)

/** Until no sheet's dimming overlay is left on the screen (it fades out after a choice). */
function waitForSheetsClosed (page) {
  return page.waitForFunction(() => [...globalThis.document.querySelectorAll('.taro_page_stationed .nut-overlay')]
    .every((el) => el.getClientRects().length === 0 || globalThis.getComputedStyle(el).display === 'none'))
}

/** A fresh browser context (nothing of another person's session), signed in by SMS, on 缴费记录 from 首页. */
async function openContributions (person) {
  const page = await phonePage(browser, pageErrors)
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page)
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.waitFor()
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.getByText(/\d+秒后重新获取/).waitFor()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone, { purpose: 'login' }))
  await login.locator('taro-button-core.sms-login-btn').click()
  await agreeToSensitive(page)
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.masked-name').waitFor() // the account is shown (a resident has no balance figure)
  await home.locator('.entry-contributions').click()
  const contributions = page.locator('.taro_page_stationed .contributions-page')
  await contributions.waitFor()
  return { page, contributions }
}

test('the employee\'s months with their figures, the gap explained further down, and 本月 with nothing yet', async () => {
  const expected = await apiAs(1, '/api/v1/contributions?limit=40')
  const months = expected.items.filter((i) => i.kind === 'contribution')
  const gap = expected.items.find((i) => i.kind === 'gap')
  expect(gap).toBeTruthy()
  const first = months[0]

  const { page, contributions } = await openContributions(demoPersons()[0])
  await contributions.locator('.contrib-row').nth(19).waitFor()
  const firstRow = contributions.locator('.contrib-row').first()
  await firstRow.locator('.contrib-period').getByText(monthLabel(first.period)).waitFor()
  await firstRow.locator('.contrib-main-amount').getByText(yuan(first.creditedFen)).waitFor()
  for (const figure of [yuan(first.baseFen), yuan(first.employerFen), yuan(first.personalFen), first.payingUnit, '按时缴费']) {
    await firstRow.getByText(figure, { exact: true }).first().waitFor()
  }
  await contributions.locator('.contrib-note').getByText(expected.note).waitFor()
  await contributions.locator('.list-as-of').getByText('数据截至 2026年11月3日').waitFor()
  const late = months.find((i) => i.latePaid)
  await contributions.locator('.contrib-row', { hasText: monthLabel(late.period) }).locator('.status-tag').getByText('补缴').waitFor()
  await page.screenshot({ path: join(out, 'h5-contributions.png') })

  // Further down: the next page arrives at the bottom, with the gap and what it means.
  await page.mouse.move(187, 400)
  await page.mouse.wheel(0, 100_000)
  const gapRow = contributions.locator('.gap-row')
  await gapRow.locator('.gap-title').getByText(gap.title).waitFor()
  await gapRow.locator('.gap-explanation').getByText(gap.explanation).waitFor()
  expect(await contributions.locator('.contrib-row').count()).toBe(months.length)
  // Each year has one heading, also where a year goes on across two server pages.
  const years = [...new Set(expected.items.map((i) => `${i.period.slice(0, 4)}年`))]
  expect(await contributions.locator('.year-heading').allTextContents()).toEqual(years)
  await gapRow.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  await page.screenshot({ path: join(out, 'h5-contributions-gap.png') })

  // 本月: nothing has arrived for this month yet; the page says both why that may be, and clears in one tap.
  await page.mouse.wheel(0, -100_000)
  await contributions.locator('taro-button-core.filter-btn--range').click()
  await page.locator('.taro_page_stationed .filter-sheet--range .filter-option').getByText('本月', { exact: true }).click()
  const empty = contributions.locator('.list-empty')
  await empty.getByText('没有符合条件的缴费记录').waitFor()
  await empty.getByText('本月没有缴费记录，可以清除筛选条件，看看全部缴费记录。').waitFor()
  await empty.getByText(/数据截至 2026年11月3日.*每月的缴费通常 1 到 3 天后才会同步到这里/).waitFor()
  await contributions.locator('.filter-btn--range.filter-btn--active').getByText('本月').waitFor()
  expect(await contributions.locator('.contrib-row').count()).toBe(0)
  await waitForSheetsClosed(page)
  await page.screenshot({ path: join(out, 'h5-contributions-empty.png') })
  await empty.locator('taro-button-core.clear-filters-btn').click()
  await contributions.locator('.contrib-row').nth(19).waitFor()
  expect(await contributions.locator('.filter-btn--active').count()).toBe(0)
  await contributions.locator('.contrib-row').first().locator('.contrib-period').getByText(monthLabel(first.period)).waitFor()
  expect(pageErrors).toEqual([])
})

test('a retiree: no contributions, the note says why, and the way to the monthly amounts', async () => {
  const expected = await apiAs(2, '/api/v1/contributions')
  expect(expected.items).toEqual([])
  expect(expected.note).toContain('退休人员')

  const { page, contributions } = await openContributions(demoPersons()[1])
  const note = contributions.locator('.retiree-note')
  await note.getByText(expected.note).waitFor()
  // Nothing to filter and no empty-list puzzle: the note is the answer.
  expect(await contributions.locator('.filter-bar').count()).toBe(0)
  expect(await contributions.locator('.list-empty').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-contributions-retiree.png') })
  await note.locator('taro-button-core.to-balance-btn').click()
  await page.locator('.taro_page_stationed .balance-page .balance-amount').waitFor()
  expect(pageErrors).toEqual([])
})
