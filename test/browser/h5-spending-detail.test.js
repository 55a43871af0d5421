// Browser layer: 消费详情 in the H5 build, served by the real server, in the standard mode and 长辈模式: the money in
// the national app's words — 统筹基金支付, 个人账户支付, 现金支付, then 个人负担 split into 自付 (the covered items'
// share) and 自费 (丙类, paid in full) — with no line of ¥0.00, item amounts at the right, 甲类 explained as
// reimbursed at the plan's rate; headings and buttons found by role, axe on the page. Figures come from the API.
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

const apiAs = (path) => readAs(server.url, 'wx-demo-1', path)

/** Person 1's most recent settlement with a 丙类 item and some of it paid by the fund: every money word has a figure. */
async function settlementWithSelfPay () {
  const list = await apiAs('/api/v1/spending?limit=100')
  for (const item of list.items) {
    if (item.fundFen === 0 || item.beneficiary) continue
    const d = await apiAs(`/api/v1/spending/${item.id}`)
    if (d.items.some((i) => i.category === 'C') && d.items.some((i) => i.category !== 'C')) return d
  }
  throw new Error('no settlement with a 丙类 item among person 1\'s latest 100')
}

async function detailPage ({ elder }) {
  const d = await settlementWithSelfPay()
  const { page } = await signedInHome(browser, server.url, demoPersons()[0], { elder, pageErrors })
  await page.goto(`${server.url}/#/packages/account/pages/spending-detail/index?id=${d.id}`)
  const detail = page.locator('.taro_page_stationed .spending-detail-page')
  await detail.locator('.detail-inst').getByText(d.institution.name).waitFor()
  if (elder) await page.locator('.taro_page_stationed .spending-detail-page.elder').waitFor()

  // How it was paid: only the ways that paid something, each with its amount at the right.
  const paid = [['统筹基金支付', d.fundFen], ['个人账户支付', d.accountFen], ['家庭共济支付', d.mutualAidFen], ['现金支付', d.selfFen]]
    .filter(([, fen]) => fen > 0)
  expect(await detail.locator('.pay-cell .money-label').allTextContents()).toEqual(paid.map(([label]) => label))
  expect(await detail.locator('.pay-cell .money-amount').allTextContents()).toEqual(paid.map(([, fen]) => yuan(fen)))

  // The person's own share, and its two parts: 自费 is the 丙类 items in full, 自付 the rest.
  const burden = d.totalFen - d.fundFen
  const selfPay = d.items.filter((i) => i.category === 'C').reduce((sum, i) => sum + i.amountFen, 0)
  const parts = [['个人负担', burden], ['自付', burden - selfPay], ['自费', selfPay]].filter(([, fen]) => fen > 0)
  expect(await detail.locator('.burden-cell .money-label').allTextContents()).toEqual(parts.map(([label]) => label))
  expect(await detail.locator('.burden-cell .money-amount').allTextContents()).toEqual(parts.map(([, fen]) => yuan(fen)))
  const money = await detail.locator('.money-group').evaluateAll((els) => els.map((el) => el.innerText).join('\n'))
  expect(money).not.toContain('¥0.00')
  expect(money).not.toContain('个人自付')

  // Items: the amount at the right of its line, like every other amount; a 丙类 item says 全部自费.
  expect(await detail.locator('.item-amount').allTextContents()).toEqual(d.items.map((i) => yuan(i.amountFen)))
  const rightEdges = await detail.locator('.item-amount').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().right)))
  const payRight = await detail.locator('.pay-cell .money-amount').first().evaluate((el) => Math.round(el.getBoundingClientRect().right))
  for (const right of rightEdges) expect(right).toBe(payRight)
  const selfPaid = d.items.findIndex((i) => i.category === 'C')
  expect(await detail.locator('.item-row').nth(selfPaid).locator('.item-fund').textContent()).toBe('全部自费')
  await detail.getByText(/^甲类：全部在医保目录内，按规定的比例报销；乙类：.*丙类：医保目录外，医保不报销，全部由个人支付。$/).waitFor()
  expect(await detail.getByText('全部纳入医保报销范围').count()).toBe(0)

  // By role: the institution as the page's heading, the sections, and 不是我的消费.
  await page.getByRole('heading', { name: d.institution.name, level: 1 }).waitFor()
  for (const name of ['支付方式', '个人负担', `结算明细（${d.items.length} 项）`]) await page.getByRole('heading', { name, level: 2 }).waitFor()
  if (d.canDispute) await page.getByRole('button', { name: '不是我的消费' }).waitFor()
  expect(await detail.getByText(`费用总额 ${Math.floor(d.totalFen / 100)} 元`).count()).toBe(1)
  await expectAccessible(page)

  const height = await detail.evaluate((el) => Math.ceil(el.scrollHeight))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, `h5-spending-detail-money${elder ? '-elder' : ''}.png`) })
  await page.setViewportSize({ width: 375, height: 667 })
  expect(pageErrors).toEqual([])
}

test('the money words of a settlement with a 丙类 item, no zero lines, amounts at the right', () => detailPage({ elder: false }))

test('长辈模式: the same in large type, accessible', () => detailPage({ elder: true }))

/** The focused element's role and name, as a screen reader would announce where the focus is. */
const focused = (page) => page.evaluate(() => {
  const el = globalThis.document.activeElement
  return { role: el?.getAttribute('role') ?? el?.tagName.toLowerCase(), name: el?.getAttribute('aria-label') ?? '' }
})

/**
 * 不是我的消费 and 撤回申诉 as modal dialogs, by keyboard: each named by its title, the focus in it and the page behind
 * out of reach, the note's field found by its visible label, Escape closing it with the focus back on the button that
 * opened it; marked, then withdrawn (so the settlement is as before for the next run).
 */
async function disputeDialogs ({ elder }) {
  const list = await apiAs('/api/v1/spending?limit=20')
  const flagged = list.items.find((i) => i.anomalies.some((a) => a.rule === 'unusually_large') && !i.openDispute)
  expect(flagged).toBeDefined()
  const sfx = elder ? '-elder' : ''
  const { page } = await signedInHome(browser, server.url, demoPersons()[0], { elder, pageErrors })
  await page.goto(`${server.url}/#/packages/account/pages/spending-detail/index?id=${flagged.id}`)
  const detail = page.locator('.taro_page_stationed .spending-detail-page')
  await detail.locator('.detail-inst').waitFor()
  if (elder) await page.locator('.taro_page_stationed .spending-detail-page.elder').waitFor()

  const mark = page.getByRole('button', { name: '不是我的消费' })
  await mark.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: '标记为“不是我的消费”' })
  await dialog.waitFor()
  expect(await dialog.getAttribute('aria-modal')).toBe('true')
  await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
  expect(await detail.evaluate((el) => Boolean(el.closest('[inert]')))).toBe(true)
  await dialog.getByRole('heading', { name: '标记为“不是我的消费”', level: 2 }).waitFor()
  const note = dialog.getByRole('textbox', { name: '您知道的情况（选填）' })
  await dialog.getByText('您知道的情况（选填）', { exact: true }).waitFor() // the label is on screen, not only spoken
  await dialog.getByRole('button', { name: '确认标记' }).waitFor()
  await dialog.getByRole('button', { name: '取消' }).waitFor()
  await expectAccessible(page)
  await page.screenshot({ path: join(out, `h5-spending-dispute-dialog${sfx}.png`) })

  // Escape: closed, the focus back on 不是我的消费.
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction(() => globalThis.document.activeElement?.textContent?.includes('不是我的消费'), null, { timeout: 5000 })
  expect(await detail.evaluate((el) => Boolean(el.closest('[inert]')))).toBe(false)

  // Again, by keyboard through the dialog: Tab to the note, type it, Tab to 确认标记, Enter.
  await page.keyboard.press('Enter')
  await dialog.waitFor()
  await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
  await page.keyboard.press('Tab')
  await page.waitForFunction(() => globalThis.document.activeElement?.tagName === 'TEXTAREA')
  const words = '那天我在外地出差'
  await page.keyboard.type(words)
  expect(await note.inputValue()).toBe(words)
  await dialog.getByText(`${words.length}/200`).waitFor()
  await page.keyboard.press('Tab')
  expect(await focused(page)).toEqual({ role: 'button', name: '' })
  expect(await page.evaluate(() => globalThis.document.activeElement.textContent)).toBe('确认标记')
  await page.keyboard.press('Enter')
  await detail.getByText('已为您登记“不是我的消费”').waitFor()
  await dialog.waitFor({ state: 'hidden' })

  // 撤回申诉 asks first, in a dialog of its own.
  const withdraw = detail.getByRole('button', { name: '撤回申诉' })
  await withdraw.focus()
  await page.keyboard.press('Enter')
  const confirm = page.getByRole('dialog', { name: '撤回这次申诉？' })
  await confirm.waitFor()
  await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
  await confirm.getByRole('button', { name: '不撤回' }).waitFor()
  await expectAccessible(page)
  await page.screenshot({ path: join(out, `h5-spending-withdraw-dialog${sfx}.png`) })
  await confirm.getByRole('button', { name: '撤回申诉' }).click()
  await detail.locator('.dispute-changed').getByText('已撤回这次申诉').waitFor()
  await confirm.waitFor({ state: 'hidden' })
  expect(pageErrors).toEqual([])
}

test('不是我的消费 and 撤回申诉: modal dialogs a keyboard and a screen reader can use', () => disputeDialogs({ elder: false }))

test('长辈模式: the same dialogs in large type', () => disputeDialogs({ elder: true }))
