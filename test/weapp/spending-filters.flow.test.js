// Compiled weapp layer: 消费记录's filters under simulate against the real server with demo data: an empty result
// explained, cleared in one tap; a chosen year; a custom range on NutUI's date wheels (开始日期, then 结束日期). (One mini-program per file: app.js runs App() once per module registry.)
const { distDir } = require('../support/dist')
const { waitFor, signedInMiniProgram, nativeElements, deepElement, tapElement } = require('./harness')
const { startServer, readAs } = require('../support/server-process')

jest.setTimeout(90_000)
const root = distDir('weapp')

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
const rows = (page) => nativeElements(page, 'spending-chunk', 'row')
const spendingCalls = (mp) => mp.requests.filter((r) => /\/api\/v1\/spending(\?|$)/.test(r.url)).map((r) => new URL(r.url).search)

const apiAs = (code, path) => readAs(server.url, code, path)

test('an empty filtered result says the filters may explain it, and clears them in one tap', async () => {
  const { mp, home } = await signedInMiniProgram({ root, apiOrigin: server.url, loginCode: 'wx-demo-1' })
  home.querySelector('.entry-spending').dispatchEvent('tap')
  const page = await waitFor(() => mp.pages.length === 2 && mp.current())
  await waitFor(() => rows(page).length > 0, 10_000)
  const choose = async (button, label) => {
    page.querySelector(button).dispatchEvent('tap')
    const item = await waitFor(() => page.querySelectorAll('.filter-option').find((el) => el.dom.textContent.trim().startsWith(label)), 10_000)
    item.dispatchEvent('tap')
  }
  // A pharmacy the person has been to (the sheet lists them from /spending/institutions), then 住院: no such visit.
  const institutions = await apiAs('wx-demo-1', '/api/v1/spending/institutions')
  const store = institutions.items.find((i) => i.kind === 'pharmacy')
  await choose('.filter-btn--institution', store.name)
  await waitFor(() => spendingCalls(mp).some((q) => q === `?institution=${store.code}&limit=20`), 10_000)
  await choose('.filter-btn--type', '住院')
  await waitFor(() => text(page).includes('没有符合条件的消费记录'), 10_000)
  expect(text(page)).toContain('当前的筛选条件下没有消费记录')
  expect(rows(page)).toHaveLength(0)
  // Each chosen filter once, on its own button.
  expect(page.querySelectorAll('.filter-btn--active').map((c) => c.dom.textContent.replace('▾', '').trim())).toEqual(['住院', store.name])
  // Nothing selected: zero, said as such.
  expect(page.querySelector('.filter-summary-text').dom.textContent).toContain('共 0 笔，合计 ¥0.00')
  // 家庭共济缴费 are not visits: not shown under a type or an institution.
  expect(text(page)).not.toContain('家庭共济缴费')
  page.querySelector('.clear-filters-btn').dispatchEvent('tap')
  await waitFor(() => rows(page).length === 20 && !page.querySelector('.filter-btn--active') && text(page).includes('家庭共济缴费'), 10_000)

  // 选择年份… opens a sheet of years (the range sheet gives way to it); a year asks for that year.
  page.querySelector('.filter-btn--range').dispatchEvent('tap')
  ;(await waitFor(() => page.querySelectorAll('.filter-sheet--range .filter-option').find((el) => el.dom.textContent.includes('选择年份')), 10_000)).dispatchEvent('tap')
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())
  ;(await waitFor(() => page.querySelectorAll('.filter-sheet--year .filter-option').find((el) => el.dom.textContent.trim() === `${year}年`), 10_000)).dispatchEvent('tap')
  await waitFor(() => spendingCalls(mp).some((q) => q.startsWith(`?from=${year}-01-01&to=${year}-`)), 10_000)
  await waitFor(() => page.querySelector('.filter-btn--range.filter-btn--active')?.dom.textContent.includes(`${year}年`), 10_000)

  // 自定义时间段… on the mini-program: the wheels, 开始日期 then 结束日期, each confirmed (both start at today); a
  // cancelled wheel leaves the range as it was.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  const custom = async () => {
    page.querySelector('.filter-btn--range').dispatchEvent('tap')
    ;(await waitFor(() => page.querySelectorAll('.filter-sheet--range .filter-option').find((el) => el.dom.textContent.includes('自定义时间段')), 10_000)).dispatchEvent('tap')
    await waitFor(() => deepElement(page, 'filter-date-picker--from') && text(page).includes('选择开始日期'))
  }
  // The picker's frame is drawn before its buttons: each tap waits for the button it needs.
  const pickerButton = (cls) => waitFor(() => deepElement(page, cls), 10_000)
  await custom()
  tapElement(await pickerButton('nut-picker-cancel-btn'))
  await waitFor(() => !deepElement(page, 'filter-date-picker--from'))
  expect(page.querySelector('.filter-btn--range.filter-btn--active').dom.textContent).toContain(`${year}年`)
  await custom()
  tapElement(await pickerButton('nut-picker-confirm-btn'))
  await waitFor(() => deepElement(page, 'filter-date-picker--to') && !deepElement(page, 'filter-date-picker--from'))
  tapElement(await pickerButton('nut-picker-confirm-btn'))
  await waitFor(() => spendingCalls(mp).some((q) => q.startsWith(`?from=${today}&to=${today}`)), 10_000)
  await waitFor(() => !deepElement(page, 'filter-date-picker--to'))
  expect(page.querySelector('.filter-btn--range.filter-btn--active').dom.textContent).toContain('至')
})
