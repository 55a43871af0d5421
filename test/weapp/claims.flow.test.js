// Compiled weapp layer: 报销进度 and 报销详情 under simulate against the real server with demo data (person 1 has
// claims in several stages). The subscribe dialog (wx.requestSubscribeMessage) is the one stand-in: it plays the
// person answering. The rest is real: the POST of the acceptance, the operator moving the claim along, the notice
// the server "sends" through the dev subscribe stand-in (its outbox), and that notice's page opened on its own.
const { distDir } = require('../support/dist')
const { waitFor, signedInMiniProgram } = require('./harness')
const { startServer, requestJson, readAs } = require('../support/server-process')
const { yuan } = require('../support/money')

jest.setTimeout(120_000)
const root = distDir('weapp')
const TEMPLATE = 'tmpl-claim-progress-weapp-test'
const OPERATOR_TOKEN = 'operator-token-for-the-claims-flow-test-0123456789'

let server
beforeAll(async () => { server = await startServer({ OPERATOR_TOKEN, WECHAT_CLAIM_TEMPLATE_ID: TEMPLATE }) })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
/** Elements with a class, found in the page's composed DOM (simulate prefixes each class with its component's tag,
 * `main--claim-row`; querySelector stops at Taro's deeper `comp` levels). */
const byClass = (page, cls) => [...page.dom.querySelectorAll(`[class*="--${cls}"]`)]
  .filter((el) => (el.getAttribute('class') || '').split(/\s+/).some((c) => c.endsWith(`--${cls}`)))
const rows = (page) => byClass(page, 'claim-row')
const titles = (page) => rows(page).map((r) => byClass({ dom: r }, 'claim-row-title')[0].textContent)
const rowOf = (page, title) => rows(page).find((r) => byClass({ dom: r }, 'claim-row-title')[0].textContent === title)
const claimCalls = (mp) => mp.requests.filter((r) => /\/api\/v1\/claims(\?|$)/.test(r.url)).map((r) => new URL(r.url).search)

const apiAs = (code, path) => readAs(server.url, code, path)

/** A tap on a Taro view, found in the page's composed DOM (it may lie deeper than querySelector reaches). */
function tap (element) {
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(element.__wxElement, exparser.Event.create('tap', {}, { bubbles: true, composed: true }))
}

test('the list shows each claim\'s stage; subscribe on a claim; the operator moves it; the notice opens the claim', async () => {
  const expected = await apiAs('wx-demo-1', '/api/v1/claims')
  const stages = expected.items.map((i) => i.stage)
  expect(stages).toEqual(expect.arrayContaining(['first_review', 'materials_needed', 'rejected', 'paid']))

  const asked = []
  const { mp, home } = await signedInMiniProgram({
    root, apiOrigin: server.url, loginCode: 'wx-demo-1',
    wxOverrides: {
      // The person taps 允许 in WeChat's dialog.
      requestSubscribeMessage: (o) => {
        asked.push(o.tmplIds)
        setTimeout(() => { const res = { errMsg: 'requestSubscribeMessage:ok' }; for (const t of o.tmplIds) res[t] = 'accept'; o.success?.(res); o.complete?.(res) }, 0)
      },
    },
  })

  // 首页 → 报销进度: every claim with its stage, newest first, as the server has them.
  home.querySelector('.entry-claims').dispatchEvent('tap')
  const list = await waitFor(() => mp.pages.length === 2 && mp.current())
  expect(mp.pages[1].route).toBe('packages/account/pages/claims/index')
  await waitFor(() => rows(list).length === expected.items.length, 10_000)
  expect(titles(list)).toEqual(expected.items.map((i) => i.title))
  for (const [i, item] of expected.items.entries()) {
    const row = rows(list)[i].textContent
    expect(row).toContain(item.title)
    expect(row).toContain(item.stageName)
    expect(row).toContain(yuan(item.claimedFen))
    if (item.approvedFen != null) expect(row).toContain(`核定 ${yuan(item.approvedFen)}`)
  }
  expect(rowOf(list, expected.items.find((i) => i.stage === 'materials_needed').title).getAttribute('class')).toContain('claim-row--warn')
  expect(rowOf(list, expected.items.find((i) => i.stage === 'paid').title).getAttribute('class')).not.toContain('claim-row--warn')
  // 未通过 is not 需补充材料: its own class (red) and its reason on the row.
  const rejectedRow = rowOf(list, expected.items.find((i) => i.stage === 'rejected').title)
  expect(rejectedRow.getAttribute('class')).toContain('claim-row--fail')
  expect(rejectedRow.getAttribute('class')).not.toContain('claim-row--warn')
  expect(rejectedRow.textContent).toContain('本次申请未通过，原因是：')
  expect(claimCalls(mp)).toEqual(['?limit=20'])

  // A claim still under way: its detail, with the subscribe offer.
  const open = expected.items.find((i) => i.stage === 'first_review')
  tap(rowOf(list, open.title))
  const detail = await waitFor(() => mp.pages.length === 3 && mp.current())
  expect(mp.pages[2].route).toBe('packages/account/pages/claim/index')
  expect(mp.pages[2].options).toEqual({ id: String(open.id) })
  await waitFor(() => text(detail).includes('有进度时提醒我'), 10_000)
  expect(text(detail)).toContain(open.title)
  expect(text(detail)).toContain('初审中')
  expect(text(detail)).toContain(open.nextStep)
  expect(text(detail)).toContain('办理记录')
  expect(text(detail)).toContain('医保经办机构已受理，正在初审')

  tap(byClass(detail, 'subscribe-btn')[0])
  await waitFor(() => text(detail).includes('已订阅：下一次进度变化时会通过微信提醒您'), 10_000)
  expect(asked).toEqual([[TEMPLATE]])
  const posts = mp.requests.filter((r) => r.method === 'POST' && r.url.endsWith(`/api/v1/claims/${open.id}/subscriptions`))
  expect(posts).toHaveLength(1)
  expect(posts[0].data).toEqual({ templateIds: [TEMPLATE] })
  expect(byClass(detail, 'subscribe-btn')).toHaveLength(0)

  // The operator moves the claim along: the server sends the one notice the person asked for.
  const advanced = await requestJson(`${server.admin.url}/api/v1/operator/claims/${open.claimNo}/advance`, {
    method: 'POST', headers: { 'x-operator-token': OPERATOR_TOKEN }, body: { stage: 'second_review' },
  })
  expect(advanced.status).toBe(200)
  expect(advanced.json).toMatchObject({ id: open.id, stage: 'second_review', stageName: '复审中', notice: 'sent' })
  const outbox = (await requestJson(`${server.admin.url}/api/v1/dev/subscribe-outbox`, { headers: server.admin.headers })).json
  const notice = outbox.items[0]
  expect(notice.templateId).toBe(TEMPLATE)
  expect(notice.page).toBe(`packages/account/pages/claim/index?id=${open.id}`)
  expect(Object.values(notice.data).map((v) => v.value)).toContain('复审中')

  // The person taps the notice: WeChat opens that page on its own (nothing below it).
  while (mp.pages.length) mp.current().detach()
  const opened = mp.open(notice.page)
  await waitFor(() => text(opened).includes('复审中'), 10_000)
  expect(mp.pages.map((p) => p.route)).toEqual(['packages/account/pages/claim/index'])
  expect(text(opened)).toContain('初审通过，进入复审')
  expect(text(opened)).toContain(open.title)
  // The acceptance was used by this notice: the offer is back for the next change.
  await waitFor(() => text(opened).includes('有进度时提醒我'))
  expect(text(opened)).not.toContain('已订阅')

  // From there to the whole list, filtered to what needs the person: a claim that needs materials shows its checklist.
  tap(await waitFor(() => byClass(opened, 'claims-list-btn')[0]))
  const list2 = await waitFor(() => mp.pages.length === 2 && mp.current())
  expect(mp.pages[1].route).toBe('packages/account/pages/claims/index')
  await waitFor(() => rows(list2).length > 0, 10_000)
  list2.querySelector('.filter-btn--type').dispatchEvent('tap')
  const choice = await waitFor(() => list2.querySelectorAll('.filter-option').find((el) => el.dom.textContent.trim() === '需补充材料'))
  choice.dispatchEvent('tap')
  await waitFor(() => claimCalls(mp).includes('?stage=materials_needed&limit=20'), 10_000)
  const needing = expected.items.filter((i) => i.stage === 'materials_needed')
  await waitFor(() => titles(list2).join() === needing.map((i) => i.title).join(), 10_000)
  expect(list2.querySelector('.filter-btn--type.filter-btn--active').dom.textContent).toContain('需补充材料')

  tap(rows(list2)[0])
  const materials = await waitFor(() => mp.pages.length === 3 && mp.current())
  await waitFor(() => text(materials).includes('需要补充的材料'), 10_000)
  const claim = await apiAs('wx-demo-1', `/api/v1/claims/${needing[0].id}`)
  expect(claim.missingMaterials.length).toBeGreaterThan(0)
  const items = byClass(materials, 'material-name').map((el) => el.textContent)
  expect(items).toEqual(claim.missingMaterials)
  expect(text(materials)).toContain('需补充材料')
  // Listed once, in the checklist: the next step and the timeline point to it instead of repeating it.
  for (const m of claim.missingMaterials) expect(text(materials).split(m).length - 1).toBe(1)
  expect(text(materials)).toContain(`材料不全，需要补充 ${claim.missingMaterials.length} 项材料（清单见上方）`)
  // The steps still to come, greyed.
  expect(text(materials).split('尚未开始').length - 1).toBe(4)

  // Another person's claim id (typed or forwarded): a clear sentence, never their claim, never a blank page.
  const others = await apiAs('wx-demo-3', '/api/v1/claims')
  expect(others.items.length).toBeGreaterThan(0)
  const foreign = mp.open(`packages/account/pages/claim/index?id=${others.items[0].id}`)
  await waitFor(() => text(foreign).includes('没有找到这笔报销申请，请返回报销进度列表重新查看'), 10_000)
  expect(text(foreign)).toContain('查看全部报销进度')
  expect(text(foreign)).not.toContain(others.items[0].title)
})
