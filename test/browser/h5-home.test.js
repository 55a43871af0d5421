// Browser layer: 首页 on the H5 build, signed out and signed in as an employee, a retiree and a resident, in the
// standard mode and 长辈模式: what it shows, what a screen reader finds on it (roles and names), axe's WCAG 2.2 AA
// rules, the mode's text and tap sizes, and 长辈模式's switch remembered across a reload.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy } = require('../support/browser')
const { expectAccessible, expectSizes, useElderMode, shownPage } = require('../support/a11y')
const { signInTab } = require('../support/h5-session')
const { yuan } = require('../support/money')
const { startServer, readAs } = require('../support/server-process')

jest.setTimeout(180_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })
afterEach(() => { expect(pageErrors).toEqual([]) })

/** The whole page, however long (the H5 page scrolls inside its own container). */
async function shoot (page, name) {
  const height = await shownPage(page).locator('.home-page').evaluate((el) => Math.ceil(el.scrollHeight))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

/** An amount as the screen reader hears it (723 元 17 分), computed without the app's code. */
function spoken (fen) {
  const y = Math.floor(fen / 100); const f = fen % 100
  return f === 0 ? `${y} 元` : `${y} 元 ${f} 分`
}

async function openHomeAs (n, mode, options) {
  const page = await phonePage(browser, pageErrors)
  if (mode === 'elder') await useElderMode(page)
  await signInTab(page, server.url, n, options)
  await page.goto(`${server.url}/#/pages/index/index`)
  const home = shownPage(page).locator('.home-page')
  await home.locator('.as-of').waitFor()
  return { page, home }
}

describe.each(['standard', 'elder'])('%s mode', (mode) => {
  test('signed out: what the app does, 登录查看, 扫一扫 and 长辈模式, all reachable by role and name', async () => {
    const page = await phonePage(browser, pageErrors)
    if (mode === 'elder') await useElderMode(page)
    await page.goto(`${server.url}/#/pages/index/index`)
    await agreeToPrivacy(page)
    const home = shownPage(page)
    await home.getByRole('heading', { level: 1, name: '查看您的医保个人账户' }).waitFor()
    await home.getByRole('button', { name: '登录查看' }).waitFor()
    await home.getByRole('button', { name: /^扫一扫，扫医院的二维码/ }).waitFor()
    const elder = home.getByRole('switch', { name: '长辈模式：字更大，按钮更大' })
    expect(await elder.getAttribute('aria-checked')).toBe(mode === 'elder' ? 'true' : 'false')
    expect(await home.locator('.home-page.elder').count()).toBe(mode === 'elder' ? 1 : 0)
    await expectAccessible(page)
    await expectSizes(page, mode)
    await shoot(page, `h5-home-signed-out${mode === 'elder' ? '-elder' : ''}.png`)
    // 设置 › 隐私与授权, where the consent texts send people, is there before login too.
    await home.getByRole('heading', { level: 2, name: '设置' }).waitFor()
    await home.getByRole('button', { name: '隐私与授权，查看、重新阅读或撤回您的授权' }).click()
    await shownPage(page).locator('.privacy-settings-page').waitFor()
    expect(page.url()).toContain('/packages/settings/pages/privacy/index')
    await page.close()
  })

  test('employee: the card reads the balance in words and opens 账户余额; the entries are buttons with marks', async () => {
    const summary = await readAs(server.url, 'wx-demo-1', '/api/v1/account')
    const { page, home } = await openHomeAs(1, mode)
    await home.getByRole('heading', { level: 1, name: summary.maskedName }).waitFor()
    await home.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
    // The figure is hidden from the reader and said in words beside it.
    await home.getByText(`个人账户余额 ${spoken(summary.balanceFen)}`).waitFor()
    await home.getByRole('heading', { level: 2, name: '常用服务' }).waitFor()
    for (const name of ['缴费记录，每月缴费和计入个人账户的钱', '消费记录，在医院和药店花了多少', '报销进度，报销办到了哪一步', '我的分享，分享给家人的报销进度，可随时撤回']) {
      await home.getByRole('button', { name, exact: true }).waitFor()
    }
    // The card is the way to 账户余额: no second entry repeats it.
    expect(await home.getByRole('button', { name: /^账户余额/ }).count()).toBe(0)
    await home.getByRole('button', { name: '退出登录' }).waitFor()
    await home.getByRole('button', { name: '隐私与授权，查看、重新阅读或撤回您的授权' }).waitFor()
    await expectAccessible(page)
    await expectSizes(page, mode)
    // 首页's entries are its large buttons: 60 px tall in 长辈模式, 44 otherwise.
    const heights = await home.locator('.home-entries .tap-row').evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height))
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(mode === 'elder' ? 60 : 48)
    if (mode === 'elder') {
      const size = await home.locator('.balance-amount').evaluate((el) => parseFloat(el.ownerDocument.defaultView.getComputedStyle(el).fontSize))
      expect(size).toBeGreaterThanOrEqual(36)
    }
    await shoot(page, `h5-home${mode === 'elder' ? '-elder' : ''}.png`)

    await home.getByRole('button', { name: '查看余额明细' }).click()
    await shownPage(page).locator('.balance-page .balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
    await page.close()
  })

  test('resident: no balance, the plain reason and the way to 参保状态 instead; a retiree\'s 缴费记录 says what it holds', async () => {
    const { page, home } = await openHomeAs(3, mode)
    await home.locator('.home-resident-note').getByText(/城乡居民医保没有个人账户/).waitFor()
    expect(await home.locator('.balance-amount').count()).toBe(0)
    expect(await home.getByRole('button', { name: '查看余额明细' }).count()).toBe(0)
    await home.getByRole('button', { name: '查看参保状态' }).waitFor()
    await home.getByRole('button', { name: '缴费记录，每年的居民医保缴费' }).waitFor()
    await expectAccessible(page)
    await expectSizes(page, mode)
    await shoot(page, `h5-home-resident${mode === 'elder' ? '-elder' : ''}.png`)
    await home.getByRole('button', { name: '查看参保状态' }).click()
    await shownPage(page).locator('.balance-page').getByText('参保状态').first().waitFor()
    await page.close()

    const retiree = await openHomeAs(2, mode)
    await retiree.home.getByRole('button', { name: '缴费记录，每月划入个人账户的钱' }).waitFor()
    await retiree.page.close()
  })
})

test('长辈模式 is switched by hand, by tap or keyboard, and remembered across a reload', async () => {
  const { page, home } = await openHomeAs(1, 'standard')
  const elder = home.getByRole('switch', { name: '长辈模式：字更大，按钮更大' })
  const bodySize = () => home.locator('.entry-spending .tap-row-title').evaluate((el) => parseFloat(el.ownerDocument.defaultView.getComputedStyle(el).fontSize))
  const before = await bodySize()
  await elder.click()
  await shownPage(page).locator('.home-page.elder').waitFor()
  expect(await elder.getAttribute('aria-checked')).toBe('true')
  expect(await bodySize()).toBeGreaterThanOrEqual(18)
  expect(await bodySize()).toBeGreaterThan(before)

  await page.reload()
  await shownPage(page).locator('.home-page.elder .as-of').waitFor()
  const again = shownPage(page).getByRole('switch', { name: '长辈模式：字更大，按钮更大' })
  expect(await again.getAttribute('aria-checked')).toBe('true')
  await again.focus()
  await page.keyboard.press('Space')
  await shownPage(page).locator('.home-page:not(.elder) .as-of').waitFor()
  expect(await page.evaluate(() => localStorage.getItem('display.elder'))).toBe('off')
  await page.close()
})

test('when the verification window ends while 首页 is open, the balance goes and 去验证 takes its place', async () => {
  const summary = await readAs(server.url, 'wx-demo-1', '/api/v1/account')
  const { page, home } = await openHomeAs(1, 'standard', { verifiedUntil: new Date(Date.now() + 4000).toISOString() })
  await home.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  await home.getByRole('heading', { name: '请先验证身份' }).waitFor({ timeout: 15_000 })
  expect(await home.locator('.balance-amount').count()).toBe(0)
  await home.getByRole('button', { name: '去验证' }).waitFor()
  // What needs no account stays: 扫一扫, the settings, 退出登录.
  await home.getByRole('button', { name: /^扫一扫/ }).waitFor()
  await home.getByRole('switch', { name: '长辈模式：字更大，按钮更大' }).waitFor()
  await home.getByRole('button', { name: /^隐私与授权/ }).waitFor()
  await home.getByRole('button', { name: '退出登录' }).waitFor()
  await expectAccessible(page)
  await shoot(page, 'h5-home-verification-lapsed.png')
  await page.close()
})
