// Browser layer: 报销进度 and 报销详情 in the H5 build, served by the real server, as person 1 uses them, in the
// standard mode and 长辈模式: the list with each claim's stage (未通过 in its own colour and mark, never the orange of
// 需补充材料), a claim under way with its dated timeline and the steps to come greyed, one that needs materials with
// its checklist said once, a rejected one with its reason, a paid one with why less was approved, a filtered list
// with nothing in it, and no subscribe offer (WeChat only) even where the server would offer one. Headings, rows and
// buttons are found by role; axe checks each page.
const { join } = require('node:path')
const { launchBrowser, outputDir: out } = require('../support/browser')
const { signedInHome } = require('../support/sign-in')
const { expectAccessible } = require('../support/a11y')
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

const apiAs = (code, path) => readAs(server.url, code, path)

/** The whole page in one picture: H5 pages scroll inside Taro's page container, so the window grows for the shot. */
async function screenshot (page, name, cls) {
  const height = await page.locator(`.taro_page_stationed .${cls}`).evaluate((el) => Math.ceil(el.getBoundingClientRect().height))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

const background = (locator) => locator.evaluate((el) => globalThis.getComputedStyle(el).backgroundColor)
const occurrences = (text, part) => text.split(part).length - 1

async function claimsFlow ({ elder }) {
  const suffix = elder ? '-elder' : ''
  const expected = await apiAs('wx-demo-1', '/api/v1/claims')
  const underWay = expected.items.find((i) => i.stage === 'first_review')
  const needing = expected.items.find((i) => i.stage === 'materials_needed')
  const paid = expected.items.find((i) => i.stage === 'paid')
  const rejected = expected.items.find((i) => i.stage === 'rejected')
  expect(underWay && needing && paid && rejected).toBeTruthy()

  const { page, home } = await signedInHome(browser, server.url, demoPersons()[0], { elder, pageErrors })
  const stationed = (cls) => page.locator(`.taro_page_stationed .${cls}`)
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
  await home.locator('.entry-claims').click()

  // The list: each claim a button named by its words (what it is, its stage, the amounts); newest first.
  const list = stationed('claims-page')
  await list.locator('.claim-row').first().waitFor()
  if (elder) await stationed('claims-page.elder').waitFor()
  expect(await list.locator('.claim-row-title').allTextContents()).toEqual(expected.items.map((i) => i.title))
  expect(await list.locator('.claim-row-stage .stage-name').allTextContents()).toEqual(expected.items.map((i) => i.stageName))
  expect(await page.getByRole('heading', { name: '报销进度', level: 1 }).count()).toBe(1)
  const rowButton = (i) => page.getByRole('button', { name: new RegExp(`^${i.title.replace(/[()（）]/g, '.')}\\s*${i.stageName}\\s*申请 ¥`) })
  for (const i of expected.items) await rowButton(i).waitFor()
  const paidRow = list.locator('.claim-row', { hasText: paid.title })
  await paidRow.getByText(`申请 ${yuan(paid.claimedFen)}`).waitFor()
  await paidRow.getByText(`核定 ${yuan(paid.approvedFen)}`).waitFor()
  // 需补充材料 in the warning orange with "!", 未通过 in red with "✕": told apart by colour and by mark.
  const needingRow = list.locator('.claim-row--warn', { hasText: needing.title })
  const rejectedRow = list.locator('.claim-row--fail', { hasText: rejected.title })
  expect(await needingRow.locator('.stage-mark').textContent()).toBe('!')
  expect(await rejectedRow.locator('.stage-mark').textContent()).toBe('✕')
  expect(await background(rejectedRow.locator('.claim-row-stage'))).toBe('rgb(180, 35, 24)')
  expect(await background(needingRow.locator('.claim-row-stage'))).toBe('rgb(168, 74, 10)')
  await rejectedRow.locator('.claim-row-next').getByText(/^本次申请未通过，原因是：/).waitFor()
  await list.getByText('已显示全部报销申请').waitFor()
  await expectAccessible(page)
  await screenshot(page, `h5-claims${suffix}.png`, 'claims-page')

  // A claim under way: its stage, the amounts, the next step, the dated timeline, then the steps to come, greyed.
  await rowButton(underWay).click()
  const detail = stationed('claim-page')
  await detail.locator('.claim-stage').getByText('初审中').waitFor()
  expect(page.url()).toContain(`/packages/account/pages/claim/index?id=${underWay.id}`)
  const claim = await apiAs('wx-demo-1', `/api/v1/claims/${underWay.id}`)
  await page.getByRole('heading', { name: claim.title, level: 1 }).waitFor()
  await page.getByRole('heading', { name: '办理记录', level: 2 }).waitFor()
  await page.getByRole('button', { name: '分享给家人' }).waitFor()
  await page.getByRole('button', { name: '我的分享' }).waitFor()
  await detail.locator('.claim-claimed').getByText(yuan(claim.claimedFen)).waitFor()
  await detail.locator('.claim-approved').getByText('审核通过后核定').waitFor()
  await detail.locator('.claim-next-text').getByText(claim.nextStep).waitFor()
  const done = detail.locator('.claim-step:not(.claim-step--upcoming)')
  expect(await done.locator('.nut-step-title').allTextContents()).toEqual(claim.timeline.map((e) => e.stageName))
  expect(await done.locator('.claim-step-note').allTextContents()).toEqual(claim.timeline.map((e) => e.note))
  expect(await done.locator('.claim-step-time').first().textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
  const upcoming = detail.locator('.claim-step--upcoming')
  expect(await upcoming.locator('.nut-step-title').allTextContents()).toEqual(['复审', '审核通过', '打款到账'])
  expect(await detail.locator('.claim-step--upcoming.nut-step-wait').count()).toBe(3)
  // Outside any 定点机构 (care away from home): no row that reads like an error.
  expect(claim.institution).toBeNull()
  expect(await detail.getByText('无定点机构').count()).toBe(0)
  expect(await detail.getByText('就诊机构').count()).toBe(0)
  await detail.locator('.claim-payout').getByText(`${claim.payout.bankName} ${claim.payout.cardMasked}`).waitFor()
  // No subscribe offer in a browser, though this claim's answer carried a template.
  expect(detailReads).toContain(underWay.id)
  expect(await detail.locator('.subscribe-btn').count()).toBe(0)
  await expectAccessible(page)
  await screenshot(page, `h5-claim-timeline${suffix}.png`, 'claim-page')

  // A claim that needs materials: the checklist in its own card, and each item named there only, once.
  await page.goBack()
  await list.locator('.claim-row', { hasText: needing.title }).click()
  await detail.locator('.claim-stage').getByText('需补充材料').waitFor()
  const needs = await apiAs('wx-demo-1', `/api/v1/claims/${needing.id}`)
  await detail.locator('.claim-materials').waitFor()
  expect(await detail.locator('.material-name').allTextContents()).toEqual(needs.missingMaterials)
  const shown = await detail.evaluate((el) => el.innerText)
  for (const m of needs.missingMaterials) expect(occurrences(shown, m)).toBe(1)
  await detail.locator('.claim-next-text').getByText(`请补充下面列出的 ${needs.missingMaterials.length} 项材料`).waitFor()
  await detail.locator('.claim-payout').getByText('尚未登记').waitFor()
  await expectAccessible(page)
  await screenshot(page, `h5-claim-materials${suffix}.png`, 'claim-page')

  // A rejected claim: red, its reason where the next step would be, nothing to come.
  await page.goBack()
  await list.locator('.claim-row', { hasText: rejected.title }).click()
  await detail.locator('.claim-stage').getByText('未通过').waitFor()
  const turned = await apiAs('wx-demo-1', `/api/v1/claims/${rejected.id}`)
  const reason = turned.timeline.at(-1).note
  await detail.locator('.claim-next-text').getByText(`本次申请未通过，原因是：${reason}`).waitFor()
  expect(await detail.getByText('原因见办理记录').count()).toBe(0)
  expect(await background(detail.locator('.claim-stage'))).toBe('rgb(180, 35, 24)')
  expect(await detail.locator('.claim-step--upcoming').count()).toBe(0)
  await expectAccessible(page)
  await screenshot(page, `h5-claim-rejected${suffix}.png`, 'claim-page')

  // A paid claim: why less was approved, part by part, adding up to the difference; amounts with separators.
  await page.goBack()
  await list.locator('.claim-row', { hasText: paid.title }).click()
  await detail.locator('.claim-stage').getByText('已打款').waitFor()
  const settled = await apiAs('wx-demo-1', `/api/v1/claims/${paid.id}`)
  expect(settled.deductions.length).toBeGreaterThan(0)
  await detail.locator('.claim-deductions .claim-card-title').getByText(`核定金额比申请少 ${yuan(settled.claimedFen - settled.approvedFen)}，原因如下`).waitFor()
  expect(await detail.locator('.deduction-name').allTextContents()).toEqual(settled.deductions.map((d) => d.name))
  expect(await detail.locator('.deduction-amount').allTextContents()).toEqual(settled.deductions.map((d) => yuan(d.amountFen)))
  expect(await detail.locator('.deduction-explanation').allTextContents()).toEqual(settled.deductions.map((d) => d.explanation))
  await detail.locator('.claim-step-note').getByText(`核定报销金额 ${yuan(settled.approvedFen)}`).waitFor()
  expect(await detail.evaluate((el) => el.innerText)).not.toMatch(/¥\d{4}/)
  await expectAccessible(page)
  await screenshot(page, `h5-claim-paid${suffix}.png`, 'claim-page')
  await page.goBack()
  return { page, list }
}

test('the claims list, a claim with its timeline, materials once, a rejection with its reason, why less was approved', async () => {
  const { page, list } = await claimsFlow({ elder: false })
  // Filtered to a stage this person has no claim in: the empty list says the filters explain it, clear in one tap.
  await list.locator('taro-button-core.filter-btn--type').click()
  await page.locator('.filter-sheet--type .filter-option', { hasText: '已提交' }).click()
  await list.getByText('没有符合条件的报销申请').waitFor()
  await list.locator('.filter-btn--type.filter-btn--active').getByText('已提交').waitFor()
  // The sheet and its overlay have slid away (the picture would be greyed otherwise).
  await page.locator('.filter-sheet--type').waitFor({ state: 'hidden' })
  await page.locator('.nut-overlay:visible').first().waitFor({ state: 'detached' })
  await screenshot(page, 'h5-claims-empty-filtered.png', 'claims-page')
  await list.locator('taro-button-core.clear-filters-btn').click()
  await list.locator('.claim-row').first().waitFor()
  expect(pageErrors).toEqual([])
})

test('长辈模式: the same pages in large type, accessible', async () => {
  const { page } = await claimsFlow({ elder: true })
  const row = page.locator('.taro_page_stationed .claim-row').first()
  expect(await row.locator('.claim-row-title').evaluate((el) => parseFloat(globalThis.getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18)
  expect(pageErrors).toEqual([])
})
