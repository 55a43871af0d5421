// Browser layer: 消费记录 and 消费详情 on the H5 build served by the real server, as a person uses them — the list,
// an unusual charge opened from its row, 不是我的消费 with a note (the list's tag follows), its withdrawal through the
// confirm dialog, and a relative's settlement paid by mutual aid, named masked. Screenshots in test-output/.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { yuan } = require('../support/money')
const { startServer, latestSmsCode, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(180_000)

let server; let browser; let page; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  page = await phonePage(browser, pageErrors)
})
afterAll(async () => { await browser?.close(); await server?.stop() })

const apiAs = (code, path) => readAs(server.url, code, path)

/** 首页 → 登录 with an SMS code → the sensitive-information consent → 首页 with the balance. */
async function signIn (person) {
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page)
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone))
  await login.locator('taro-button-core.sms-login-btn').click()
  await agreeToSensitive(page)
  await page.locator('.taro_page_stationed .home-page .entry-spending').waitFor()
}

/** The whole page, not just the screen: H5 pages scroll inside their own container, so the window grows to the page
 * for the picture and shrinks back after. */
async function fullShot (locator, name) {
  const height = await locator.evaluate((el) => el.scrollHeight)
  await page.setViewportSize({ width: 375, height: Math.max(667, Math.ceil(height)) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

const listPage = () => page.locator('.taro_page_stationed .spending-page')
const detailPage = () => page.locator('.taro_page_stationed .spending-detail-page')
const row = (id) => listPage().locator(`.spending-list .row[data-id="${id}"]`)

test('the list, an unusual charge opened from its row, 不是我的消费 and its withdrawal, a relative paid for', async () => {
  const first = await apiAs('wx-demo-1', '/api/v1/spending?limit=20')
  const flagged = first.items.find((i) => i.anomalies.some((a) => a.rule === 'unusually_large'))
  const aid = first.items.find((i) => i.beneficiary)
  expect(flagged).toBeDefined()
  expect(aid).toBeDefined()
  const expected = await apiAs('wx-demo-1', `/api/v1/spending/${flagged.id}`)
  const aidDetail = await apiAs('wx-demo-1', `/api/v1/spending/${aid.id}`)

  await signIn(demoPersons()[0])
  await page.locator('.taro_page_stationed .home-page .entry-spending').click()

  // 消费记录: the first page of settlements, an unusual charge flagged 请留意.
  await row(first.items[0].id).waitFor()
  await listPage().getByText(/数据截至 .*最近 1 到 3 天的消费可能还没有同步/).waitFor()
  expect(await row(first.items[0].id).textContent()).toContain(yuan(first.items[0].totalFen))
  expect(await row(flagged.id).locator('.tag').textContent()).toBe('请留意')
  await page.screenshot({ path: join(out, 'h5-spending-list.png') })

  // The row opens its detail.
  await row(flagged.id).click()
  const detail = detailPage()
  await detail.locator('.detail-inst').getByText(expected.institution.name).waitFor()
  expect(await detail.locator('.detail-total [aria-hidden="true"]').textContent()).toBe(yuan(expected.totalFen))
  expect(await detail.locator('.detail-place').textContent()).toContain(expected.institution.regionName)
  expect(await detail.locator('.anomaly-reason').allTextContents()).toEqual(expected.anomalies.map((a) => a.reason))
  expect(await detail.locator('.item-name').allTextContents()).toEqual(expected.items.map((i) => i.name))
  expect(await detail.locator('.cat-tag').allTextContents()).toEqual(expected.items.map((i) => i.categoryName))
  const paid = [['统筹基金支付', expected.fundFen], ['个人账户支付', expected.accountFen], ['家庭共济支付', expected.mutualAidFen], ['现金支付', expected.selfFen]]
  expect(await detail.locator('.pay-cell .money-label').allTextContents()).toEqual(paid.filter(([, fen]) => fen > 0).map(([label]) => label))
  await detail.getByText(/^甲类：.*乙类：.*丙类：/).waitFor()
  await fullShot(detail, 'h5-spending-detail.png')

  // 不是我的消费 with a note.
  await detail.locator('taro-button-core.dispute-btn').click()
  const dialog = page.locator('.taro_page_stationed .dispute-dialog')
  await dialog.getByText('确认标记').waitFor()
  const note = '那天我在外地出差，医保卡一直在身边'
  await dialog.locator('textarea').fill(note)
  await dialog.getByText(`${note.length}/200`).waitFor()
  await page.screenshot({ path: join(out, 'h5-spending-dispute-dialog.png') })
  await dialog.locator('taro-button-core.dispute-confirm-btn').click()
  await detail.getByText('已为您登记“不是我的消费”').waitFor()
  await dialog.locator('.nut-dialog').waitFor({ state: 'hidden' })
  const card = detail.locator('.dispute-card--changed')
  expect(await card.locator('.dispute-status').textContent()).toBe('核实中')
  expect(await card.locator('.dispute-note-text').textContent()).toBe(`您的说明：${note}`)
  expect(await card.locator('.dispute-next').textContent()).toContain('12393 医保服务热线')
  expect(await detail.locator('taro-button-core.dispute-btn').count()).toBe(0)
  await card.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(out, 'h5-spending-disputed.png') })

  // Back on the list, its row says 核实中.
  await page.goBack()
  await listPage().waitFor()
  await row(flagged.id).locator('.tag').getByText('核实中').waitFor()
  await row(flagged.id).scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(out, 'h5-spending-list-disputed.png') })

  // A relative's settlement paid from the account (家庭共济): the relative is named, masked.
  await row(aid.id).click()
  await detail.locator('.detail-inst').getByText(aidDetail.institution.name).waitFor()
  const who = `为${aid.beneficiary.relation} ${aid.beneficiary.nameMasked} 支付`
  expect(aid.beneficiary.nameMasked).toMatch(/^.\*+$/)
  expect(await detail.locator('.detail-beneficiary').textContent()).toContain(who)
  expect(await detail.locator('.pay-cell--mutualAid .pay-amount').textContent()).toBe(yuan(aidDetail.mutualAidFen))
  await fullShot(detail, 'h5-spending-family.png')

  // The unusual charge again: the dispute is listed from the server; 撤回申诉 asks first.
  await page.goBack()
  await row(flagged.id).click()
  await detail.locator('.detail-inst').getByText(expected.institution.name).waitFor()
  await detail.locator('taro-button-core.withdraw-btn').click()
  const confirm = page.locator('.taro_page_stationed .withdraw-dialog')
  await confirm.getByText('撤回这次申诉？').waitFor()
  await confirm.locator('taro-button-core.withdraw-confirm-btn').click()
  const withdrawn = detail.locator('.dispute-card--changed')
  await withdrawn.locator('.dispute-changed').getByText('已撤回这次申诉').waitFor()
  expect(await withdrawn.locator('.dispute-status').textContent()).toBe('已撤回')
  expect(await withdrawn.locator('.dispute-date--updated').textContent()).toMatch(/^撤回于 \d{4}年/)
  await confirm.locator('.nut-dialog').waitFor({ state: 'hidden' })
  await fullShot(detail, 'h5-spending-withdrawn.png')
  await detail.locator('taro-button-core.dispute-btn').waitFor() // may be marked again
  await page.goBack()
  await row(flagged.id).locator('.tag').getByText('请留意').waitFor()

  expect(pageErrors).toEqual([])
})
