// Browser layer: 设置 › 隐私与授权 on the H5 build against the real server, in the standard mode and in 长辈模式.
// A person logs in (查询密码), opens the page, sees both consents with the version in force and when each was given
// (China time), rereads the privacy policy, withdraws the sensitive-information consent after the confirmation, and
// then the account pages and 首页 ask for the consent again while the server refuses account data. Screenshots of each.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { expectAccessible, expectSizes, useElderMode, shownPage } = require('../support/a11y')
const { startServer, requestJson } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(180_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

const SETTINGS = '/#/packages/settings/pages/privacy/index'

/** A China wall-clock time the way the page writes it (2026年12月7日 14:05), computed without the app's code. */
function chinaTime (iso) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]))
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`
}

/** This tab's session token (sessionStorage), to ask the server what it holds. */
async function tokenOf (page) {
  return JSON.parse(await page.evaluate(() => sessionStorage.getItem('yibao.session'))).token
}

/** Opens an address of the app as a fresh load (the session is read back from this tab's storage). */
async function open (page, hashPath) {
  await page.goto(`${server.url}${hashPath}`)
  await page.reload()
}

/** The whole page, however long (the H5 page scrolls inside its own container). */
async function shoot (page, name) {
  const height = await shownPage(page).evaluate((el) => Math.ceil(el.scrollHeight))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

/** Demo person n from a fresh browser: privacy → 登录 (查询密码) → the sensitive consent → the balance on 首页. */
async function signIn (n, { elder }) {
  const person = demoPersons()[n - 1]
  const page = await phonePage(browser, pageErrors)
  if (elder) await useElderMode(page)
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page)
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.locator('.password-tab').click()
  await login.locator('.password-tab.nut-tabs-titles-item-active').waitFor()
  await login.locator('.identifier-input input').fill(person.idNumber)
  await login.locator('.password-input input').fill(person.queryPassword)
  await login.locator('taro-button-core.password-login-btn').click()
  await agreeToSensitive(page)
  await page.locator('.taro_page_stationed .home-page .balance-amount').waitFor()
  return page
}

describe.each([
  ['standard', 1, false],
  ['elder', 4, true],
])('隐私与授权 (%s mode)', (mode, n, elder) => {
  const suffix = elder ? '-elder' : ''

  test('both consents with version and time → reread → withdraw the sensitive one → account pages ask again, the server refuses', async () => {
    const page = await signIn(n, { elder })
    const token = await tokenOf(page)
    const auth = { authorization: `Bearer ${token}` }
    const standing = (await requestJson(`${server.url}/api/v1/consents`, { headers: auth })).json.items
    const documents = (await requestJson(`${server.url}/api/v1/consents/documents`)).json.items

    await open(page, SETTINGS)
    const settings = page.locator('.taro_page_stationed .privacy-settings-page')
    await settings.getByRole('heading', { name: '隐私与授权', level: 1 }).waitFor()
    expect(await settings.evaluate((el) => el.classList.contains('elder'))).toBe(elder)

    // Each consent: its title as a heading, the version in force, when it was given in China time.
    for (const doc of documents) {
      const card = settings.locator(`.consent-card--${doc.document}`)
      await card.getByRole('heading', { name: doc.title, level: 2 }).waitFor()
      expect(await card.locator('.consent-fact-version').innerText()).toMatch(new RegExp(`版本\\s*${doc.version}`))
      const given = standing.find((s) => s.document === doc.document).acceptedAt
      expect(given).not.toBeNull()
      expect(await card.locator('.consent-fact-given').innerText()).toMatch(new RegExp(`同意时间\\s*${chinaTime(given)}`))
      await card.getByRole('button', { name: `阅读全文${doc.title}` }).waitFor()
      await card.getByRole('button', { name: `撤回同意${doc.title}` }).waitFor()
    }
    await expectAccessible(page)
    await expectSizes(page, mode)
    await shoot(page, `h5-settings-privacy${suffix}.png`)

    // Rereading the privacy policy: its full text from the server, which names where this page is.
    const read = settings.getByRole('button', { name: '阅读全文《隐私政策》' })
    await read.click()
    const privacyCard = settings.locator('.consent-card--privacy')
    await privacyCard.getByText('一、我们是谁').waitFor()
    await privacyCard.getByText('「首页 › 设置 › 隐私与授权」', { exact: false }).waitFor()
    const collapse = settings.getByRole('button', { name: '收起全文《隐私政策》' })
    expect(await collapse.getAttribute('aria-expanded')).toBe('true')
    await expectAccessible(page)
    await shoot(page, `h5-settings-privacy-reading${suffix}.png`)
    await collapse.click()
    await privacyCard.getByText('一、我们是谁').waitFor({ state: 'detached' })

    // 撤回: a modal dialog named by its question, in words a person understands, that takes the focus.
    const withdraw = settings.getByRole('button', { name: '撤回同意《敏感个人信息处理授权书》' })
    await withdraw.click()
    const dialog = page.getByRole('dialog', { name: '撤回敏感信息授权？' })
    await dialog.waitFor()
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    for (const words of ['停止读取您的医保信息', '已经产生的记录仍然保留', '回到首页重新阅读并同意']) await dialog.getByText(words, { exact: false }).waitFor()
    await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
    // The page behind is out of reach while the question is open.
    expect(await settings.locator('.settings-content').getAttribute('inert')).not.toBeNull()
    await dialog.getByRole('button', { name: '暂不撤回' }).waitFor()
    await expectAccessible(page)
    await page.screenshot({ path: join(out, `h5-settings-withdraw-dialog${suffix}.png`) })

    // 暂不撤回 first: nothing changes, and the focus is back on the button that asked.
    await dialog.getByRole('button', { name: '暂不撤回' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('aria-label') === '撤回同意《敏感个人信息处理授权书》', null, { timeout: 5000 })
    expect((await requestJson(`${server.url}/api/v1/account`, { headers: auth })).status).toBe(200)

    // Escape answers no as well.
    await withdraw.click()
    await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })

    await withdraw.click()
    await dialog.getByRole('button', { name: '确认撤回' }).click()
    await dialog.waitFor({ state: 'detached' })
    await settings.getByRole('status').getByText('已撤回敏感个人信息授权', { exact: false }).waitFor()
    const sensitiveCard = settings.locator('.consent-card--sensitive')
    expect(await sensitiveCard.locator('.consent-fact-given').innerText()).toMatch(/状态\s*目前没有同意/)
    await sensitiveCard.getByRole('button', { name: '回到首页重新同意《敏感个人信息处理授权书》' }).waitFor()
    expect(await sensitiveCard.getByRole('button', { name: /撤回/ }).count()).toBe(0)
    await expectAccessible(page)
    await expectSizes(page, mode)
    await shoot(page, `h5-settings-withdrawn${suffix}.png`)

    // The server holds the withdrawal and refuses account data to this session.
    const after = (await requestJson(`${server.url}/api/v1/consents`, { headers: auth })).json.items
    expect(after.map((i) => [i.document, i.acceptedAt !== null])).toEqual([['privacy', true], ['sensitive', false]])
    const refused = await requestJson(`${server.url}/api/v1/account`, { headers: auth })
    expect([refused.status, refused.json.error.code]).toEqual([403, 'consent_required'])

    // 账户余额 says the consent is needed, with no figure; 首页 shows the consent panel again instead of the balance.
    await open(page, '/#/packages/account/pages/balance/index')
    const balance = page.locator('.taro_page_stationed .balance-page')
    await balance.getByText('查看医保账户信息前，需要您单独同意我们处理这些信息。', { exact: false }).waitFor()
    expect(await balance.locator('.balance-amount').count()).toBe(0)
    await open(page, '/#/pages/index/index')
    const home = page.locator('.taro_page_stationed .home-page')
    await home.locator('.consent-panel').getByText('查看医保信息前，请您单独授权').waitFor()
    expect(await home.locator('.balance-amount').count()).toBe(0)
    await page.screenshot({ path: join(out, `h5-settings-home-asks-again${suffix}.png`) })
    expect(pageErrors).toEqual([])
  })
})

test('the privacy policy withdrawn: signed out on this device, and 首页 shows the privacy dialog again', async () => {
  const page = await signIn(2, { elder: false })
  const token = await tokenOf(page)
  await open(page, SETTINGS)
  const settings = page.locator('.taro_page_stationed .privacy-settings-page')
  await settings.getByRole('button', { name: '撤回同意《隐私政策》' }).click()
  const dialog = page.getByRole('dialog', { name: '撤回同意《隐私政策》？' })
  await dialog.getByText('退出登录', { exact: false }).first().waitFor()
  await dialog.getByRole('button', { name: '撤回并退出登录' }).click()
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.privacy-dialog').getByText('同意并继续').waitFor()
  expect(await page.evaluate(() => sessionStorage.getItem('yibao.session'))).toBeNull()
  // The session is over on the server too.
  expect((await requestJson(`${server.url}/api/v1/consents`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)
  await page.screenshot({ path: join(out, 'h5-settings-privacy-withdrawn-home.png') })
  expect(pageErrors).toEqual([])
})

test('the H5 page has an icon: the linked SVG and /favicon.ico are served', async () => {
  const page = await phonePage(browser, pageErrors)
  await page.goto(`${server.url}/#/pages/index/index`)
  const href = await page.locator('link[rel="icon"]').getAttribute('href')
  for (const path of [href, '/favicon.ico']) {
    const res = await requestJson(`${server.url}${path}`)
    expect([path, res.status]).toEqual([path, 200])
  }
})
