// Compiled weapp layer: 消费记录 under simulate against the real server with demo data. The rows are drawn by the
// native `spending-chunk` component, one chunk per server page, only around the scroll position.
const { distDir } = require('../support/dist')
const { waitFor, signedInMiniProgram, nativeElements, tapElement } = require('./harness')
const { startServer, readAs } = require('../support/server-process')
const { yuan } = require('../support/money')

jest.setTimeout(90_000)
const root = distDir('weapp')

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
const rows = (page) => nativeElements(page, 'spending-chunk', 'row')
const rowIds = (page) => rows(page).map((r) => Number(r.getAttribute('data-id')))
// A row reached the view layer (inside its chunk's rows, whether or not the chunk is drawn yet).
const sentRowsOf = (mp, id) => mp.setDataLog.some((e) => JSON.stringify(e.data).includes(`"id":${id},`))
const spendingCalls = (mp) => mp.requests.filter((r) => /\/api\/v1\/spending(\?|$)/.test(r.url)).map((r) => new URL(r.url).search)

const apiAs = (code, path) => readAs(server.url, code, path)

test('lists the settlements, appends a page at the bottom, windows the rows, filters, and opens a detail', async () => {
  const expected = await apiAs('wx-demo-1', '/api/v1/spending?limit=40')
  expect(expected.items.length).toBe(40)

  const { mp, home } = await signedInMiniProgram({ root, apiOrigin: server.url })
  home.querySelector('.entry-spending').dispatchEvent('tap')
  const page = await waitFor(() => mp.pages.length === 2 && mp.current())
  expect(mp.pages[1].route).toBe('packages/account/pages/spending/index')

  // The first page: 20 rows, newest first, as the server has them.
  await waitFor(() => rows(page).length === 20, 10_000)
  expect(rowIds(page)).toEqual(expected.items.slice(0, 20).map((i) => i.id))
  const first = expected.items[0]
  expect(rows(page)[0].textContent).toContain(first.institution.name)
  expect(rows(page)[0].textContent).toContain(yuan(first.totalFen))
  expect(text(page)).toMatch(/数据截至 .*最近 1 到 3 天的消费可能还没有同步/)
  // Unusual charges carry their tag (person 1 has all four rules among recent settlements).
  expect(text(page)).toContain('请留意')
  await waitFor(() => text(page).includes('家庭共济缴费'), 10_000)

  // The bottom: the next page with the cursor; the new chunk arrives as one setData holding its 20 rows, kept by the
  // chunk component and drawn once the window reaches it.
  const before = mp.setDataLog.length
  page.instance.onReachBottom()
  await waitFor(() => spendingCalls(mp).length === 2, 10_000)
  expect(spendingCalls(mp)[1]).toMatch(/^\?cursor=[^&]+&limit=20$/)
  await waitFor(() => mp.setDataLog.slice(before).some((e) => JSON.stringify(e.data).includes(`"id":${expected.items[39].id}`)), 10_000)
  page.instance.onPageScroll({ scrollTop: 1000 })
  await waitFor(() => rows(page).length === 40, 10_000)
  expect(rowIds(page)).toEqual(expected.items.map((i) => i.id))

  // Scrolled far down, the first chunks leave the window: their rows are no longer drawn, and moving the window
  // sent no rows again (the chunks keep theirs), only which chunks show and the spacers' heights.
  const all = await apiAs('wx-demo-1', '/api/v1/spending?limit=100')
  const pages = Math.ceil(all.items.length / 20)
  expect(pages).toBeGreaterThanOrEqual(4)
  for (let n = 3; n <= pages; n++) {
    page.instance.onReachBottom()
    await waitFor(() => spendingCalls(mp).length === n, 10_000)
    const lastId = all.items[Math.min(n * 20, all.items.length) - 1].id
    await waitFor(() => sentRowsOf(mp, lastId), 10_000)
  }
  // The last page came: the footer says everything is shown, and the bottom asks for nothing more.
  if (all.nextCursor === null) {
    await waitFor(() => text(page).includes('已显示全部消费记录'), 10_000)
    page.instance.onReachBottom()
    expect(spendingCalls(mp)).toHaveLength(pages)
  }
  const beforeScroll = mp.setDataLog.length
  page.instance.onPageScroll({ scrollTop: 20 * 88 * 3 })
  await waitFor(() => !rowIds(page).includes(expected.items[0].id), 10_000)
  const drawn = rowIds(page)
  const at = all.items.findIndex((i) => i.id === drawn[0])
  expect(at).toBeGreaterThanOrEqual(20)
  expect(drawn).toEqual(all.items.slice(at, at + drawn.length).map((i) => i.id))
  expect(drawn.length).toBeLessThan(all.items.length)
  const scrolled = mp.setDataLog.slice(beforeScroll)
  expect(scrolled.length).toBeGreaterThan(0)
  expect(scrolled.reduce((n, e) => n + e.bytes, 0)).toBeLessThan(600)
  expect(JSON.stringify(scrolled.map((e) => e.data))).not.toContain('"inst"')
  page.instance.onPageScroll({ scrollTop: 0 })
  await waitFor(() => rowIds(page)[0] === expected.items[0].id, 10_000)

  // Filter by type: a sheet of choices; the type button then shows it, chosen, and the totals of the filter show
  // as the server counts them; 清除筛选 clears it in one tap.
  page.querySelector('.filter-btn--type').dispatchEvent('tap')
  const pharmacy = await waitFor(() => page.querySelectorAll('.filter-sheet--type .filter-option').find((el) => el.dom.textContent.trim() === '药店'))
  pharmacy.dispatchEvent('tap')
  await waitFor(() => spendingCalls(mp).some((q) => q === '?type=pharmacy&limit=20'), 10_000)
  const pharmacies = await apiAs('wx-demo-1', '/api/v1/spending?type=pharmacy&limit=20')
  await waitFor(() => rowIds(page).join() === pharmacies.items.map((i) => i.id).join(), 10_000)
  expect(rows(page).every((r) => r.textContent.includes('药店'))).toBe(true)
  const chosen = await waitFor(() => page.querySelector('.filter-btn--type.filter-btn--active'))
  expect(chosen.dom.textContent).toContain('药店')
  expect(page.querySelector('.filter-sheet')).toBeFalsy()
  const totals = await waitFor(() => page.querySelector('.filter-summary-text'))
  expect(pharmacies.totals.count).toBeGreaterThan(20)
  expect(totals.dom.textContent).toContain(`共 ${pharmacies.totals.count} 笔，合计 ${yuan(pharmacies.totals.totalFen)}`)
  page.querySelector('.filter-clear-all').dispatchEvent('tap')
  await waitFor(() => !page.querySelector('.filter-btn--active') && rowIds(page)[0] === expected.items[0].id, 10_000)
  expect(page.querySelector('.filter-summary-text')).toBeFalsy()
  expect(spendingCalls(mp).at(-1)).toBe('?limit=20')

  // A tap on a row opens its detail.
  tapElement(rows(page)[1])
  await waitFor(() => mp.pages.length === 3)
  expect(mp.pages[2].route).toBe('packages/account/pages/spending-detail/index')
  expect(mp.pages[2].options).toEqual({ id: String(expected.items[1].id) })
})
