// Compiled weapp layer: 缴费记录 under simulate against the real server with demo data. Person 1 (陈思远, employee)
// changed employers with one month unpaid between them (断缴) and made one month up later (补缴).
const { distDir } = require('../support/dist')
const { waitFor, signedInMiniProgram } = require('./harness')
const { startServer, readAs } = require('../support/server-process')
const { yuan } = require('../support/money')

jest.setTimeout(90_000)
const root = distDir('weapp')

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
const contributionCalls = (mp) => mp.requests.filter((r) => /\/api\/v1\/contributions(\?|$)/.test(r.url)).map((r) => new URL(r.url).search)
const all = (page, cls) => page.querySelectorAll(cls)
const yearTitles = (page) => all(page, '.year-title').map((h) => h.dom.textContent.trim())

const apiAs = (code, path) => readAs(server.url, code, path)

/** Each year's title, total credited and month count, from the API's items (newest first). */
function yearsOf (items) {
  const years = []
  for (const i of items) {
    const year = `${i.period.slice(0, 4)}年`
    let y = years[years.length - 1]
    if (!y || y.title !== year) { y = { title: year, totalFen: 0, months: 0 }; years.push(y) }
    if (i.kind === 'contribution') { y.totalFen += i.creditedFen; y.months++ }
  }
  return years
}

test('the years with their totals and months, the terms said once, a gap explained, and 今年 cleared by 清除筛选', async () => {
  const expected = await apiAs('wx-demo-1', '/api/v1/contributions?limit=60')
  expect(expected.nextCursor).toBeNull()
  const months = expected.items.filter((i) => i.kind === 'contribution')
  const gap = expected.items.find((i) => i.kind === 'gap')
  expect(gap).toBeTruthy()

  const { mp, home } = await signedInMiniProgram({ root, apiOrigin: server.url })
  home.querySelector('.entry-contributions').dispatchEvent('tap')
  const page = await waitFor(() => mp.pages.length === 2 && mp.current())
  expect(mp.pages[1].route).toBe('packages/account/pages/contributions/index')

  // One answer of up to 60 months: every year with its total and month count, every month one line.
  await waitFor(() => all(page, '.month-line').length === months.length, 10_000)
  expect(contributionCalls(mp)).toEqual(['?limit=60'])
  const years = yearsOf(expected.items)
  expect(yearTitles(page)).toEqual(years.map((y) => y.title))
  expect(all(page, '.year-total').map((t) => t.dom.textContent)).toEqual(years.map((y) => yuan(y.totalFen)))
  expect(all(page, '.year-total-note').map((t) => t.dom.textContent)).toEqual(years.map((y) => `计入个人账户 · ${y.months} 个月`))
  const first = months[0]
  const firstLine = all(page, '.month-line')[0]
  expect(text(firstLine)).toBe(`${Number(first.period.slice(5, 7))}月${yuan(first.creditedFen)}`)
  // The unit and the base once at the top of the year (and where they change), not on every month.
  expect(all(page, '.terms-row').length).toBeLessThan(months.length / 3)
  expect(page.querySelector('.terms-unit').dom.textContent).toBe(first.payingUnit)
  expect(page.querySelector('.terms-text').dom.textContent).toBe(`缴费基数 ${yuan(first.baseFen)}，单位每月缴 ${yuan(first.employerFen)}（进入统筹基金），个人每月缴 ${yuan(first.personalFen)}`)
  // The month made up later (补缴) says so on its line.
  const late = months.find((i) => i.latePaid)
  expect(text(page.querySelector('.month-line--late'))).toMatch(new RegExp(`^${Number(late.period.slice(5, 7))}月.*补缴到账`))
  // The server's note above the list (where the employer part goes), the as-of time, the gap explained.
  expect(page.querySelector('.contrib-note').dom.textContent).toBe(expected.note)
  expect(text(page)).toMatch(/数据截至 .*最近 1 到 3 天的缴费可能还没有同步/)
  expect(all(page, '.gap-row')).toHaveLength(1)
  expect(page.querySelector('.gap-title').dom.textContent).toBe(gap.title)
  expect(page.querySelector('.gap-explanation').dom.textContent).toBe(gap.explanation)
  expect(text(page)).toContain('已显示全部缴费记录')

  // A tap on a year's total folds it to that line.
  all(page, '.year-head')[1].dispatchEvent('tap')
  await waitFor(() => all(page, '.month-line').length === months.length - years[1].months)
  all(page, '.year-head')[1].dispatchEvent('tap')
  await waitFor(() => all(page, '.month-line').length === months.length)

  // 今年 from the range sheet: this year's months (by the phone's calendar, in China time), asked for by date range and
  // shown as the server answers that query; 清除筛选 clears it in one tap. (选择年份… and its sheet of years are driven in
  // spending-filters.flow.test.js.)
  page.querySelector('.filter-btn--range').dispatchEvent('tap')
  const thisYear = await waitFor(() => all(page, '.filter-option').find((el) => el.dom.textContent.trim() === '今年'))
  thisYear.dispatchEvent('tap')
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())
  await waitFor(() => contributionCalls(mp).some((q) => new RegExp(`^\\?from=${year}-01-01&to=${year}-\\d\\d-\\d\\d&limit=60$`).test(q)), 10_000)
  const asked = contributionCalls(mp).at(-1)
  const filtered = await apiAs('wx-demo-1', `/api/v1/contributions${asked}`)
  const filteredMonths = filtered.items.filter((i) => i.kind === 'contribution')
  expect(filteredMonths.every((i) => i.period.startsWith(year))).toBe(true)
  await waitFor(() => page.querySelector('.filter-btn--range.filter-btn--active') && all(page, '.month-line').length === filteredMonths.length, 10_000)
  expect(yearTitles(page)).toEqual(yearsOf(filtered.items).map((y) => y.title))
  expect(page.querySelector('.filter-btn--range.filter-btn--active').dom.textContent).toContain('今年')

  page.querySelector('.filter-clear-all').dispatchEvent('tap')
  await waitFor(() => !page.querySelector('.filter-btn--active') && all(page, '.month-line').length === months.length, 10_000)
  expect(contributionCalls(mp).at(-1)).toBe('?limit=60')
})
