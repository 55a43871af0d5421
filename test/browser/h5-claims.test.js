// Browser layer: 报销进度 and 报销详情 in the H5 build, served by the real server, as person 1 uses them after an SMS
// login: the list with each claim's stage, a claim under way with its dated timeline, one that needs materials with
// its checklist, a filtered list with nothing in it, and no subscribe offer (WeChat only) even where the server
// would offer one.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { yuan } = require('../support/money')
const { startServer, latestSmsCode, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(150_000)

let server; let browser; let page; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await phonePage(browser, pageErrors)
})
afterAll(async () => { await browser?.close(); await server?.stop() })

const apiAs = (code, path) => readAs(server.url, code, path)

const stationed = (cls) => page.locator(`.taro_page_stationed .${cls}`)

/** The whole page in one picture: H5 pages scroll inside Taro's page container, so the window grows for the shot. */
async function screenshot (name, cls) {
  const height = await stationed(cls).evaluate((el) => Math.ceil(el.getBoundingClientRect().height))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

test('the claims list, a claim with its timeline, a claim that needs materials, an empty filtered list', async () => {
  const person = demoPersons()[0]
  const expected = await apiAs('wx-demo-1', '/api/v1/claims')
  const underWay = expected.items.find((i) => i.stage === 'first_review')
  const needing = expected.items.find((i) => i.stage === 'materials_needed')
  const paid = expected.items.find((i) => i.stage === 'paid')
  expect(underWay && needing && paid).toBeTruthy()

  // Every claim detail the page reads is answered as the server would answer a WeChat session (a subscribe
  // template, not subscribed yet): the browser build must still offer nothing, as it cannot ask WeChat.
  const detailReads = []
  await page.route(/\/api\/v1\/claims\/\d+$/, async (route) => {
    const response = await route.fetch()
    const body = await response.json()
    detailReads.push(body.id)
    if (response.status() === 200 && body.stage !== 'paid' && body.stage !== 'rejected') {
      body.subscribeTemplateId = 'tmpl-claim-progress'
      body.subscribed = false
    }
    await route.fulfill({ response, json: body })
  })

  // SMS login as person 1, the sensitive-information consent, then 首页's 报销进度.
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page)
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = stationed('login-page')
  await login.waitFor()
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.getByText(/\d+秒后重新获取/).waitFor()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone, { purpose: 'login' }))
  await login.locator('taro-button-core.sms-login-btn').click()
  await agreeToSensitive(page)
  await stationed('home-page').locator('.entry-claims').click()

  // The list: each claim with its stage tag, amounts and next step, newest first.
  const list = stationed('claims-page')
  await list.locator('.claim-row').first().waitFor()
  expect(await list.locator('.claim-row-title').allTextContents()).toEqual(expected.items.map((i) => i.title))
  expect(await list.locator('.claim-row-stage').allTextContents()).toEqual(expected.items.map((i) => i.stageName))
  const paidRow = list.locator('.claim-row', { hasText: paid.title })
  await paidRow.getByText(`申请 ${yuan(paid.claimedFen)}`).waitFor()
  await paidRow.getByText(`核定 ${yuan(paid.approvedFen)}`).waitFor()
  await list.locator('.claim-row--warn', { hasText: needing.title }).waitFor()
  await list.getByText('已显示全部报销申请').waitFor()
  await screenshot('h5-claims.png', 'claims-page')

  // A claim under way: its stage at the top, the amounts, the next step, and the dated timeline with the notes.
  await list.locator('.claim-row', { hasText: underWay.title }).click()
  const detail = stationed('claim-page')
  await detail.locator('.claim-stage').getByText('初审中').waitFor()
  expect(page.url()).toContain(`/packages/account/pages/claim/index?id=${underWay.id}`)
  const claim = await apiAs('wx-demo-1', `/api/v1/claims/${underWay.id}`)
  await detail.locator('.claim-title').getByText(claim.title).waitFor()
  await detail.locator('.claim-claimed').getByText(yuan(claim.claimedFen)).waitFor()
  await detail.locator('.claim-approved').getByText('审核通过后核定').waitFor()
  await detail.locator('.claim-next-text').getByText(claim.nextStep).waitFor()
  expect(await detail.locator('.claim-step .nut-step-title').allTextContents()).toEqual(claim.timeline.map((e) => e.stageName))
  expect(await detail.locator('.claim-step-note').allTextContents()).toEqual(claim.timeline.map((e) => e.note))
  expect(await detail.locator('.claim-step-time').first().textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
  await detail.locator('.claim-payout').getByText(`${claim.payout.bankName} ${claim.payout.cardMasked}`).waitFor()
  expect(claim.payout.cardMasked).toMatch(/^\*{4} \d{4}$/)
  // No subscribe offer in a browser, though this claim's answer carried a template.
  expect(detailReads).toContain(underWay.id)
  expect(await detail.locator('.subscribe-btn').count()).toBe(0)
  expect(await detail.getByText('有进度时提醒我').count()).toBe(0)
  await screenshot('h5-claim-timeline.png', 'claim-page')

  // A claim that needs materials: the checklist, in the warning colour.
  await page.goBack()
  await list.locator('.claim-row', { hasText: needing.title }).click()
  await detail.locator('.claim-stage').getByText('需补充材料').waitFor()
  const needs = await apiAs('wx-demo-1', `/api/v1/claims/${needing.id}`)
  await detail.locator('.claim-materials').waitFor()
  expect(await detail.locator('.material-name').allTextContents()).toEqual(needs.missingMaterials)
  await detail.locator('.claim-payout').getByText('尚未登记').waitFor()
  expect(await detail.locator('.subscribe-btn').count()).toBe(0)
  await screenshot('h5-claim-materials.png', 'claim-page')

  // Filtered to a stage this person has no claim in: the empty list says the filters explain it, clear in one tap.
  await page.goBack()
  await list.locator('taro-button-core.filter-btn--type').click()
  await page.locator('.filter-sheet--type .filter-option', { hasText: '已提交' }).click()
  await list.getByText('没有符合条件的报销申请').waitFor()
  await list.locator('.filter-btn--type.filter-btn--active').getByText('已提交').waitFor()
  // The sheet and its overlay have slid away (the picture would be greyed otherwise).
  await page.locator('.filter-sheet--type').waitFor({ state: 'hidden' })
  await page.locator('.nut-overlay:visible').first().waitFor({ state: 'detached' })
  await screenshot('h5-claims-empty-filtered.png', 'claims-page')
  await list.locator('taro-button-core.clear-filters-btn').click()
  await list.locator('.claim-row').nth(expected.items.length - 1).waitFor()

  expect(pageErrors).toEqual([])
})
