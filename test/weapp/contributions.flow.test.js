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
const monthLabel = (period) => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`
const all = (page, cls) => page.querySelectorAll(cls)
const headings = (page) => all(page, '.year-heading').map((h) => h.dom.textContent.trim())

const apiAs = (code, path) => readAs(server.url, code, path)

test('the months with their figures, a gap explained, the next page at the bottom, and 今年 cleared by 清除筛选', async () => {
  const expected = await apiAs('wx-demo-1', '/api/v1/contributions?limit=40')
  const months = expected.items.filter((i) => i.kind === 'contribution')
  const gap = expected.items.find((i) => i.kind === 'gap')
  expect(gap).toBeTruthy()
  expect(expected.items.indexOf(gap)).toBeGreaterThanOrEqual(20) // on the second page
  expect(expected.items.length).toBeGreaterThan(20)

  const { mp, home } = await signedInMiniProgram({ root, apiOrigin: server.url })
  home.querySelector('.entry-contributions').dispatchEvent('tap')
  const page = await waitFor(() => mp.pages.length === 2 && mp.current())
  expect(mp.pages[1].route).toBe('packages/account/pages/contributions/index')

  // The first page: 20 entries, newest first, each month with the figures the server has.
  const firstPage = expected.items.slice(0, 20)
  await waitFor(() => all(page, '.contrib-row').length === 20, 10_000)
  const rows = all(page, '.contrib-row')
  expect(all(page, '.contrib-period').map((p) => p.dom.textContent)).toEqual(firstPage.map((i) => monthLabel(i.period)))
  const first = months[0]
  const firstText = rows[0].dom.textContent
  for (const figure of [yuan(first.creditedFen), yuan(first.baseFen), yuan(first.employerFen), yuan(first.personalFen), first.payingUnit, '按时缴费', '计入个人账户', '缴费基数', '单位缴纳', '个人缴纳', '缴费单位']) {
    expect(firstText).toContain(figure)
  }
  expect(all(page, '.contrib-main-amount')[0].dom.textContent).toBe(yuan(first.creditedFen))
  // The month made up later (补缴) says so.
  const late = firstPage.find((i) => i.latePaid)
  expect(late).toBeTruthy()
  expect(rows[firstPage.indexOf(late)].dom.textContent).toContain('补缴')
  // The server's note above the list (where the employer part goes), the as-of time, a heading per year.
  expect(page.querySelector('.contrib-note').dom.textContent).toBe(expected.note)
  expect(text(page)).toMatch(/数据截至 .*最近 1 到 3 天的缴费可能还没有同步/)
  const years = (items) => [...new Set(items.map((i) => `${i.period.slice(0, 4)}年`))]
  expect(headings(page)).toEqual(years(firstPage))
  expect(page.querySelector('.gap-row')).toBeFalsy()

  // The bottom: the next page with the cursor; the year that goes on keeps its one heading; the gap is explained.
  const before = mp.setDataLog.length
  page.instance.onReachBottom()
  await waitFor(() => all(page, '.contrib-row').length === months.length, 10_000)
  // Only the new page went to the view: nothing of the first page's months was sent again.
  const appended = mp.setDataLog.slice(before).filter((e) => e.route === 'packages/account/pages/contributions/index')
  expect(JSON.stringify(appended.map((e) => e.data))).toContain(gap.title)
  for (const shown of firstPage) expect(JSON.stringify(appended.map((e) => e.data))).not.toContain(`"${monthLabel(shown.period)}"`)
  const calls = contributionCalls(mp)
  expect(calls).toHaveLength(2)
  expect(calls[0]).toBe('?limit=20')
  expect(calls[1]).toMatch(/^\?cursor=[^&]+&limit=20$/)
  expect(headings(page)).toEqual(years(expected.items))
  await waitFor(() => page.querySelector('.gap-row'))
  expect(all(page, '.gap-row')).toHaveLength(1)
  expect(page.querySelector('.gap-title').dom.textContent).toBe(gap.title)
  expect(page.querySelector('.gap-explanation').dom.textContent).toBe(gap.explanation)
  expect(text(page)).toContain('已显示全部缴费记录')

  // 今年 from the range sheet: this year's months (by the phone's calendar, in China time), asked for by date range and
  // shown as the server answers that query; 清除筛选 clears it in one tap. (选择年份… and its sheet of years are driven in
  // spending-filters.flow.test.js.)
  page.querySelector('.filter-btn--range').dispatchEvent('tap')
  const thisYear = await waitFor(() => all(page, '.filter-option').find((el) => el.dom.textContent.trim() === '今年'))
  thisYear.dispatchEvent('tap')
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())
  await waitFor(() => contributionCalls(mp).some((q) => new RegExp(`^\\?from=${year}-01-01&to=${year}-\\d\\d-\\d\\d&limit=20$`).test(q)), 10_000)
  const asked = contributionCalls(mp).at(-1)
  const filtered = await apiAs('wx-demo-1', `/api/v1/contributions${asked}`)
  const filteredMonths = filtered.items.filter((i) => i.kind === 'contribution')
  expect(filteredMonths.every((i) => i.period.startsWith(year))).toBe(true)
  await waitFor(() => page.querySelector('.filter-btn--range.filter-btn--active') && all(page, '.contrib-row').length === filteredMonths.length, 10_000)
  expect(all(page, '.contrib-period').map((p) => p.dom.textContent)).toEqual(filteredMonths.map((i) => monthLabel(i.period)))
  expect(headings(page)).toEqual(years(filtered.items))
  expect(page.querySelector('.filter-btn--range.filter-btn--active').dom.textContent).toContain('今年')

  page.querySelector('.filter-clear-all').dispatchEvent('tap')
  await waitFor(() => !page.querySelector('.filter-btn--active') && all(page, '.contrib-row').length === 20, 10_000)
  expect(contributionCalls(mp).at(-1)).toBe('?limit=20')
  expect(all(page, '.contrib-period')[0].dom.textContent).toBe(monthLabel(first.period))
})
