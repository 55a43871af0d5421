// Browser layer: 缴费记录 on H5, served by the real server, as people use it, in the standard mode and 长辈模式: the
// employee's years (each with its total and its months one line each, the unit and base said once where they start or
// change) with a gap (断缴) explained, 本月 early in a month (nothing yet, and the page says why) cleared in one tap, and
// a retiree's page saying what the fund credits instead; headings and buttons found by role, axe on each.
// The demo data end on 3 November (DEMO_AS_OF): this month's contribution is paid mid-month, so 本月 has none yet.
const { join } = require('node:path')
const { launchBrowser, outputDir: out } = require('../support/browser')
const { signedInHome } = require('../support/sign-in')
const { yuan } = require('../support/money')
const { startServer, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')
const { expectAccessible } = require('../support/a11y')

jest.setTimeout(180_000)

const DEMO_AS_OF = '2026-11-03'
let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer({ DEMO_AS_OF })
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })


/** The API's answer in a session of the test's own (a dev demo login), to compare the page with. */
const apiAs = (n, path) => readAs(server.url, `wx-demo-${n}`, path)

/** Until no sheet's dimming overlay is left on the screen (it fades out after a choice). */
function waitForSheetsClosed (page) {
  return page.waitForFunction(() => [...globalThis.document.querySelectorAll('.taro_page_stationed .nut-overlay')]
    .every((el) => el.getClientRects().length === 0 || globalThis.getComputedStyle(el).display === 'none'))
}

/** A fresh browser context (nothing of another person's session), signed in, on 缴费记录 from 首页. */
async function openContributions (person, { elder = false } = {}) {
  const { page, home } = await signedInHome(browser, server.url, person, { elder, pageErrors })
  await home.locator('.entry-contributions').click()
  const contributions = page.locator('.taro_page_stationed .contributions-page')
  await contributions.waitFor()
  if (elder) await page.locator('.taro_page_stationed .contributions-page.elder').waitFor()
  return { page, contributions }
}

/** The whole page in one shot (the H5 page scrolls inside its own container): the window as tall as the page. */
async function shootWhole (page, name) {
  const height = await page.locator('.taro_page_stationed .contributions-page').evaluate((el) => Math.ceil(el.scrollHeight))
  await page.setViewportSize({ width: 375, height: Math.min(Math.max(667, height), 6000) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

/**
 * The years the page must show, from the API's items (newest first): each year's total credited, its months, and how
 * many times the terms (unit, base, parts) are said — at the top of the year, after a gap, and where they change.
 */
function expectedYears (items) {
  const years = []
  let last = null
  for (const i of items) {
    const year = i.period.slice(0, 4)
    let y = years[years.length - 1]
    if (!y || y.year !== year) { y = { year, totalFen: 0, months: 0, terms: 0 }; years.push(y); last = null }
    if (i.kind === 'gap') { last = null; continue }
    const terms = [i.payingUnit, i.baseFen, i.employerFen, i.personalFen].join('|')
    if (terms !== last) { y.terms++; last = terms }
    y.totalFen += i.creditedFen
    y.months++
  }
  return years
}


async function employeeYears ({ elder }) {
  const expected = await apiAs(1, '/api/v1/contributions?limit=100')
  expect(expected.nextCursor).toBeNull()
  const months = expected.items.filter((i) => i.kind === 'contribution')
  const gap = expected.items.find((i) => i.kind === 'gap')
  expect(gap).toBeTruthy()
  const years = expectedYears(expected.items)
  const first = months[0]

  const { page, contributions } = await openContributions(demoPersons()[0], { elder })
  await contributions.locator('.month-line').nth(months.length - 1).waitFor()
  // Every year: its title as a heading, its total credited and how many months, then one line per month.
  expect(await contributions.locator('.year-title').allTextContents()).toEqual(years.map((y) => `${y.year}年`))
  expect(await contributions.locator('.year-total').allTextContents()).toEqual(years.map((y) => yuan(y.totalFen)))
  expect(await contributions.locator('.year-total-note').allTextContents()).toEqual(years.map((y) => `计入个人账户 · ${y.months} 个月`))
  for (const y of years) await page.getByRole('heading', { name: `${y.year}年`, level: 2, exact: true }).waitFor()
  expect(await page.getByRole('heading', { name: '缴费记录', level: 1 }).count()).toBe(1)
  // Each year's total is a button that reads as one amount and folds the year.
  const total = (y, word) => page.getByRole('button', { name: new RegExp(`^${y.year}年计入个人账户合计 ${Math.floor(y.totalFen / 100)} 元.*，${y.months} 个月 ?${word}$`) })
  for (const y of years) await total(y, '收起').waitFor()
  expect(await contributions.locator('.month-line').count()).toBe(months.length)
  const firstYear = contributions.locator('.year-group').first()
  const firstLine = firstYear.locator('.month-line').first()
  await firstLine.locator('.month-name').getByText(`${Number(first.period.slice(5, 7))}月`, { exact: true }).waitFor()
  await firstLine.locator('.month-amount').getByText(yuan(first.creditedFen), { exact: true }).waitFor()
  // The unit and the base are said once per run of months that share them, not on every month.
  expect(await contributions.locator('.terms-row').count()).toBe(years.reduce((n, y) => n + y.terms, 0))
  expect(await contributions.locator('.terms-row').count()).toBeLessThan(months.length / 3)
  await firstYear.locator('.terms-unit').first().getByText(first.payingUnit).waitFor()
  await firstYear.locator('.terms-text').first().getByText(`缴费基数 ${yuan(first.baseFen)}，单位每月缴 ${yuan(first.employerFen)}（进入统筹基金），个人每月缴 ${yuan(first.personalFen)}`).waitFor()
  const late = months.find((i) => i.latePaid)
  await contributions.locator('.month-line--late', { hasText: `${Number(late.period.slice(5, 7))}月` }).getByText(/补缴到账$/).waitFor()
  await contributions.locator('.contrib-note').getByText(expected.note).waitFor()
  await contributions.locator('.list-as-of').getByText('数据截至 2026年11月3日').waitFor()
  const gapRow = contributions.locator('.gap-row')
  await gapRow.locator('.gap-title').getByText(gap.title).waitFor()
  await gapRow.locator('.gap-explanation').getByText(gap.explanation).waitFor()
  await expectAccessible(page)
  // A tap on a year's total folds it to that line, and another unfolds it.
  const older = years[1]
  const olderGroup = contributions.locator('.year-group').nth(1)
  await total(older, '收起').click()
  await total(older, '展开').waitFor()
  expect(await olderGroup.locator('.month-line').count()).toBe(0)
  await total(older, '展开').click()
  await olderGroup.locator('.month-line').nth(older.months - 1).waitFor()
  const suffix = elder ? '-elder' : ''
  await page.screenshot({ path: join(out, `h5-contributions${suffix}.png`) })
  await shootWhole(page, `h5-contributions-years${suffix}.png`)
  return { page, contributions, first }
}

test('the employee\'s years with their totals, compact months, the gap explained, and 本月 with nothing yet', async () => {
  const { page, contributions, first } = await employeeYears({ elder: false })

  // 本月: nothing has arrived for this month yet; the page says both why that may be, and clears in one tap.
  await contributions.locator('taro-button-core.filter-btn--range').click()
  await page.locator('.taro_page_stationed .filter-sheet--range .filter-option').getByText('本月', { exact: true }).click()
  const empty = contributions.locator('.list-empty')
  await empty.getByText('没有符合条件的缴费记录').waitFor()
  await empty.getByText('本月没有缴费记录，可以清除筛选条件，看看全部缴费记录。').waitFor()
  await empty.getByText(/数据截至 2026年11月3日.*每月的缴费通常 1 到 3 天后才会同步到这里/).waitFor()
  await contributions.locator('.filter-btn--range.filter-btn--active').getByText('本月').waitFor()
  expect(await contributions.locator('.month-line').count()).toBe(0)
  await waitForSheetsClosed(page)
  await page.screenshot({ path: join(out, 'h5-contributions-empty.png') })
  await empty.locator('taro-button-core.clear-filters-btn').click()
  await contributions.locator('.month-line').first().waitFor()
  expect(await contributions.locator('.filter-btn--active').count()).toBe(0)
  await contributions.locator('.month-line').first().locator('.month-amount').getByText(yuan(first.creditedFen)).waitFor()
  expect(pageErrors).toEqual([])
})

test('长辈模式: the same years in large type, accessible', async () => {
  const { page } = await employeeYears({ elder: true })
  // Large type: the month lines are at least the elder tap size, the body text at least 18 CSS px.
  const line = page.locator('.taro_page_stationed .month-line').first()
  expect((await line.boundingBox()).height).toBeGreaterThanOrEqual(48)
  expect(await line.locator('.month-name').evaluate((el) => parseFloat(globalThis.getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18)
  expect(pageErrors).toEqual([])
})

async function retireePage ({ elder }) {
  const expected = await apiAs(2, '/api/v1/contributions')
  const summary = await apiAs(2, '/api/v1/account')
  expect(expected.items).toEqual([])
  expect(expected.note).toContain('退休人员')
  expect(summary.thisYear.creditedFen).toBeGreaterThan(0)

  const { page, contributions } = await openContributions(demoPersons()[1], { elder })
  const note = contributions.locator('.retiree-note')
  await note.getByText(expected.note).waitFor()
  // What the account received instead: this year's credits from the fund, read as one amount.
  await note.locator('.retiree-credited-label').getByText(`${summary.thisYear.year}年以来统筹基金已划入您的个人账户`).waitFor()
  await note.locator('.retiree-credited-amount').getByText(yuan(summary.thisYear.creditedFen)).waitFor()
  await page.getByRole('heading', { name: '退休后不用再缴费' }).waitFor()
  // Nothing to filter and no empty-list puzzle: the note is the answer.
  expect(await contributions.locator('.filter-bar').count()).toBe(0)
  expect(await contributions.locator('.list-empty').count()).toBe(0)
  await expectAccessible(page)
  await page.screenshot({ path: join(out, `h5-contributions-retiree${elder ? '-elder' : ''}.png`) })
  await page.getByRole('button', { name: '查看账户余额' }).click()
  await page.locator('.taro_page_stationed .balance-page .balance-amount').waitFor()
  expect(pageErrors).toEqual([])
}

test('a retiree: no contributions, what the fund credited this year instead, and the way to the balance', () => retireePage({ elder: false }))

test('a retiree in 长辈模式', () => retireePage({ elder: true }))
