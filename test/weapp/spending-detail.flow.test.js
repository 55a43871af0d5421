// Compiled weapp layer: 消费详情 under simulate against the real server with demo data — opened from a 消费记录 row
// (drawn by the native spending-chunk component), an unusual charge's reasons and items, 不是我的消费 with a note,
// its withdrawal, and the list's tag after each; then the page opened first, for a relative and for a foreign id.
const { distDir } = require('../support/dist')
const { waitFor, signedInMiniProgram, nativeElements, tapElement, deepElement, inputElement } = require('./harness')
const { startServer, readAs } = require('../support/server-process')
const { yuan } = require('../support/money')

jest.setTimeout(120_000)
const root = distDir('weapp')
const DETAIL = 'packages/account/pages/spending-detail/index'

// One mini program for the file: app.js (and so App()) runs once per test file.
let server; let mp; let home
beforeAll(async () => {
  server = await startServer()
  ;({ mp, home } = await signedInMiniProgram({ root, apiOrigin: server.url }))
})
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
const rows = (page) => nativeElements(page, 'spending-chunk', 'row')
const rowOf = (page, id) => rows(page).find((r) => Number(r.getAttribute('data-id')) === id)
const tagOf = (page, id) => rowOf(page, id)?.querySelector('[class~="spending-chunk--tag"]')?.textContent ?? ''

const apiAs = (code, path) => readAs(server.url, code, path)

/** A tap on a NutUI Button (or any node) of the page by class, once it is drawn. */
async function tap (page, selector) {
  const node = await waitFor(() => page.querySelector(selector), 10_000)
  node.dispatchEvent('tap')
}

/** A tap on a dialog's button, found by its class and its words at whatever depth Taro drew it (through comp). */
async function tapDeep (page, cls, words) {
  tapElement(await waitFor(() => deepElement(page, cls, words), 10_000))
}

/** What WeChat's screen reader gets from a dialog's own view: its role and its name (the compiled attributes). */
const dialogSemantics = (page, cls) => {
  const attrs = page.querySelector(`.${cls} .modal-dialog`)?._exparserNode?._vt?.attrs ?? []
  const of = (name) => attrs.find((a) => a.name === name)?.value
  return { role: of('ariaRole'), label: of('ariaLabel'), modal: of('ariaModal') }
}

test('an unusual charge: its reasons and items, 不是我的消费 with a note, withdrawn, and the list tag each time', async () => {
  const first = await apiAs('wx-demo-1', '/api/v1/spending?limit=20')
  // The odd-hour, far-above-usual pharmacy charge (person 1 has every rule among recent settlements).
  const flagged = first.items.find((i) => i.anomalies.some((a) => a.rule === 'unusually_large'))
  expect(flagged).toBeDefined()
  const expected = await apiAs('wx-demo-1', `/api/v1/spending/${flagged.id}`)
  expect(expected.canDispute).toBe(true)

  home.querySelector('.entry-spending').dispatchEvent('tap')
  const list = await waitFor(() => mp.pages.length === 2 && mp.current())
  await waitFor(() => rowOf(list, flagged.id), 10_000)
  expect(tagOf(list, flagged.id)).toBe('请留意')

  // The row's tap goes through spending-chunk's bindtap → triggerEvent('open') → the Taro page's handler.
  tapElement(rowOf(list, flagged.id))
  const detail = await waitFor(() => mp.pages.length === 3 && mp.current())
  expect(mp.pages[2].route).toBe(DETAIL)
  expect(mp.pages[2].options).toEqual({ id: String(flagged.id) })
  await waitFor(() => text(detail).includes(expected.institution.name) && text(detail).includes('结算明细'), 10_000)
  const shown = text(detail)
  expect(shown).toContain(yuan(expected.totalFen))
  expect(shown).toContain(expected.institution.regionName)
  expect(shown).toContain('这笔消费有些不寻常')
  for (const a of expected.anomalies) expect(shown).toContain(a.reason)
  for (const item of expected.items) {
    expect(shown).toContain(item.name)
    expect(shown).toContain(item.categoryName)
    expect(shown).toContain(yuan(item.amountFen))
  }
  // The money words with a figure only: no line of ¥0.00 (this charge was paid wholly from the account).
  const paid = [['统筹基金支付', expected.fundFen], ['个人账户支付', expected.accountFen], ['现金支付', expected.selfFen]]
  for (const [label, fen] of paid) if (fen > 0) expect(shown).toContain(`${label}${yuan(fen)}`)
  expect(shown).not.toContain('¥0.00')
  for (const label of ['个人负担', '数量', '甲类：全部在医保目录内，按规定的比例报销', '乙类：', '丙类：', '12393']) expect(shown).toContain(label)
  expect(shown).not.toContain('个人自付')
  expect(shown).not.toContain('核实中')

  // 不是我的消费: a modal dialog named by its title, a labelled field for the note, then 确认标记. Its field and
  // buttons lie deeper than Taro's template depth, where WeChat draws them through comp.
  await tap(detail, '.dispute-btn')
  await waitFor(() => deepElement(detail, 'dispute-confirm-btn', '确认标记'), 10_000)
  expect(dialogSemantics(detail, 'dispute-dialog')).toEqual({ role: 'dialog', label: '标记为“不是我的消费”', modal: 'true' })
  expect(deepElement(detail, 'dispute-note-label').textContent).toBe('您知道的情况（选填）')
  expect(deepElement(detail, 'dispute-cancel-btn', '取消')).toBeDefined()
  const note = '那天我在外地出差，医保卡一直在身边'
  inputElement(await waitFor(() => deepElement(detail, 'dispute-note')), note)
  await waitFor(() => text(detail).includes(`${note.length}/200`))
  await tapDeep(detail, 'dispute-confirm-btn', '确认标记')
  await waitFor(() => text(detail).includes('已为您登记“不是我的消费”'), 10_000)
  const post = mp.requests.find((r) => r.method === 'POST' && r.url.endsWith(`/api/v1/spending/${flagged.id}/disputes`))
  expect(post.data).toEqual({ note })
  const marked = text(detail)
  expect(marked).toContain('核实中')
  expect(marked).toContain(`您的说明：${note}`)
  expect(marked).toContain('医保经办机构会在 15 个工作日内核实这笔消费')
  expect(marked).toContain('12393 医保服务热线')
  expect(marked).toMatch(/标记于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
  expect(detail.querySelector('.dispute-btn')).toBeFalsy() // one open dispute at a time
  await waitFor(() => /display: none/.test(detail.querySelector('.dispute-dialog .nut-dialog').dom.getAttribute('style'))) // closed

  // Back on 消费记录, the row says 核实中 (its page of rows was replaced, no reload).
  const listCalls = mp.requests.filter((r) => /\/api\/v1\/spending(\?|$)/.test(r.url)).length
  global.wx.navigateBack()
  await waitFor(() => mp.pages.length === 2)
  await waitFor(() => tagOf(list, flagged.id) === '核实中', 10_000)
  expect(mp.requests.filter((r) => /\/api\/v1\/spending(\?|$)/.test(r.url))).toHaveLength(listCalls)

  // Open it again: the dispute is listed from the server; 撤回申诉 asks first, then withdraws.
  tapElement(rowOf(list, flagged.id))
  const again = await waitFor(() => mp.pages.length === 3 && mp.current())
  await waitFor(() => again.querySelector('.withdraw-btn'), 10_000)
  expect(text(again)).toContain(`您的说明：${note}`)
  await tap(again, '.withdraw-btn')
  await waitFor(() => text(again).includes('撤回这次申诉？'))
  expect(dialogSemantics(again, 'withdraw-dialog')).toEqual({ role: 'dialog', label: '撤回这次申诉？', modal: 'true' })
  expect(deepElement(again, 'withdraw-cancel-btn', '不撤回')).toBeDefined()
  await tapDeep(again, 'withdraw-confirm-btn', '撤回申诉')
  await waitFor(() => again.querySelector('.dispute-changed')?.dom.textContent === '已撤回这次申诉', 10_000)
  const withdrawn = text(again)
  expect(withdrawn).toContain('已撤回')
  expect(withdrawn).toMatch(/撤回于 \d{4}年/)
  expect(mp.requests.some((r) => r.method === 'POST' && /\/disputes\/\d+\/withdraw$/.test(r.url))).toBe(true)
  // It may be marked again (the server says so in the detail read after the withdrawal).
  await waitFor(() => again.querySelector('.dispute-btn'), 10_000)

  global.wx.navigateBack()
  await waitFor(() => mp.pages.length === 2)
  await waitFor(() => tagOf(list, flagged.id) === '请留意', 10_000)
})

test('opened as the first page: a relative paid for by mutual aid, named masked; a foreign id says not found', async () => {
  const page = await apiAs('wx-demo-1', '/api/v1/spending?limit=100')
  const aid = page.items.find((i) => i.beneficiary)
  expect(aid).toBeDefined()
  const other = await apiAs('wx-demo-2', '/api/v1/spending?limit=1')
  const foreignId = other.items[0].id

  global.wx.reLaunch({ url: `/${DETAIL}?id=${aid.id}` })
  const detail = await waitFor(() => mp.pages.length === 1 && mp.pages[0].route === DETAIL && mp.current())
  await waitFor(() => text(detail).includes('家庭共济支付'), 10_000)
  const shown = text(detail)
  expect(shown).toContain(`为${aid.beneficiary.relation} ${aid.beneficiary.nameMasked} 支付`)
  expect(aid.beneficiary.nameMasked).toMatch(/^.\*+$/)
  expect(shown).toContain(yuan(aid.mutualAidFen))
  expect(shown).toContain(`从您的个人账户为${aid.beneficiary.relation}支付`)

  global.wx.reLaunch({ url: `/${DETAIL}?id=${foreignId}` })
  const foreign = await waitFor(() => mp.pages.length === 1 && mp.current() !== detail && mp.current())
  await waitFor(() => text(foreign).includes('没有找到这笔消费记录，请返回消费记录重新查看'), 10_000)
  expect(text(foreign)).not.toContain(other.items[0].institution.name)
  // Nothing below it: 查看消费记录 opens the list in its place.
  await tap(foreign, '.back-to-list-btn')
  await waitFor(() => mp.pages.length === 1 && mp.pages[0].route === 'packages/account/pages/spending/index')
})
