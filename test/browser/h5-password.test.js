// Browser layer: 查询密码登录 on the H5 build — login by ID number, the lockout after five wrong tries, and
// 忘记密码 (SMS code to the phone on file, the rules, a new password) which lifts the lock.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { yuan } = require('../support/money')
const { startServer, requestJson, latestSmsCode, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(120_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'info' })
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

/** A new browser context per person: nothing of one person's session is left for the next. */
const freshPage = () => phonePage(browser, pageErrors)

/**
 * The balance 首页 should show for demo person n, read from the API in a session of the test's own: before the
 * person's login or after their consent, never in between (readAs gives consents for its read and takes them back).
 */
const expectedSummary = (n) => readAs(server.url, `wx-demo-${n}`, '/api/v1/account')

/** From the signed-out 首页 to 登录's password tab. */
async function openPasswordTab (page) {
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page) // each fresh context is a first run
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.waitFor()
  await login.locator('.password-tab').click()
  await login.locator('.password-tab.nut-tabs-titles-item-active').waitFor()
  return login
}

test('password login with the ID number → 首页 with the balance', async () => {
  const person = demoPersons()[0]
  const page = await freshPage()
  const login = await openPasswordTab(page)

  // Mistakes are caught before any request, in Chinese.
  await login.locator('.identifier-input input').fill(person.idNumber.slice(0, 17) + (person.idNumber[17] === '0' ? '1' : '0'))
  await login.locator('.password-input input').fill(person.queryPassword)
  await login.locator('taro-button-core.password-login-btn').click()
  await login.locator('.login-error').getByText('身份证号不正确，请核对后重新输入（最后一位可能是 X）').waitFor()

  await login.locator('.identifier-input input').fill(person.idNumber)
  await page.screenshot({ path: join(out, 'h5-password-login.png') })
  await login.locator('taro-button-core.password-login-btn').click()

  await agreeToSensitive(page)
  const summary = await expectedSummary(1)
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  await home.locator('.masked-name').getByText(summary.maskedName).waitFor()
  expect(pageErrors).toEqual([])
})

test('five wrong passwords lock it; 忘记密码 sets a new one and lifts the lock', async () => {
  const person = demoPersons()[3]
  const page = await freshPage()
  const login = await openPasswordTab(page)

  // The card number this time: it has a count and a lock of its own (the ID number's would not tell it apart).
  await login.locator('.identifier-input input').fill(person.cardNumber)
  await login.locator('.password-input input').fill(person.queryPassword === '000000' ? '999999' : '000000')
  for (let remaining = 4; remaining >= 1; remaining--) {
    await login.locator('taro-button-core.password-login-btn').click()
    await login.locator('.login-error').getByText(`还可以再试 ${remaining} 次`).waitFor()
  }
  await login.locator('taro-button-core.password-login-btn').click()
  const locked = login.locator('.login-error.login-error-locked')
  await locked.waitFor()
  const lockText = await locked.textContent()
  // A China clock time (明天 when the half hour crosses China's midnight), never a count of seconds.
  expect(lockText).toMatch(/^查询密码输错次数过多，已锁定，请在( |明天 )\d{2}:\d{2} 后再试；也可以用「忘记密码」重新设置，或拨打 12393 医保服务热线$/)
  expect(await locked.isVisible()).toBe(true)
  await page.screenshot({ path: join(out, 'h5-password-locked.png') })

  // Even the right password is refused while locked.
  await login.locator('.password-input input').fill(person.queryPassword)
  await login.locator('taro-button-core.password-login-btn').click()
  await login.locator('.login-error.login-error-locked').getByText(/已锁定.*12393/).waitFor()

  await login.locator('.forgot-password-link').click()
  const reset = page.locator('.taro_page_stationed .reset-page')
  await reset.waitFor()
  for (const rule of ['6 位数字', '不能是 123456、654321 这样的连续数字', '不能使用身份证号中的出生日期或末尾 6 位']) {
    await reset.getByText(rule).first().waitFor()
  }

  // A code before the ID number is right is refused on the page.
  await reset.locator('.reset-id-input input').fill(person.idNumber.slice(0, 16))
  await reset.locator('taro-button-core.reset-send-code-btn').click()
  await reset.locator('.reset-error').getByText('身份证号不正确，请核对后重新输入（最后一位可能是 X）').waitFor()

  const before = new Date(Date.now() - 1000).toISOString()
  await reset.locator('.reset-id-input input').fill(person.idNumber)
  await reset.locator('taro-button-core.reset-send-code-btn').click()
  await reset.locator('.reset-code-sent').getByText('如果该身份证号已登记，验证码将发送到登记的手机号，5 分钟内有效').waitFor()
  await reset.getByText(/\d+秒后重新获取/).waitFor()
  const code = await latestSmsCode(server.url, person.phone, { purpose: 'password_reset', after: before })
  await reset.locator('.reset-code-input input').fill(code)

  // A weak password: the rule, in words, before anything is sent.
  await reset.locator('.reset-new-password-input input').fill('123456')
  await reset.locator('.reset-confirm-input input').fill('123456')
  await reset.locator('taro-button-core.reset-submit-btn').click()
  await reset.locator('.reset-error').getByText('查询密码不能是 123456、654321 这样的连续数字').waitFor()
  await page.screenshot({ path: join(out, 'h5-reset-password.png') })

  // Two different entries.
  const fresh = '802413'
  await reset.locator('.reset-new-password-input input').fill(fresh)
  await reset.locator('.reset-confirm-input input').fill('802414')
  await reset.locator('taro-button-core.reset-submit-btn').click()
  await reset.locator('.reset-error').getByText('两次输入的查询密码不一致，请重新输入').waitFor()

  await reset.locator('.reset-confirm-input input').fill(fresh)
  await reset.locator('taro-button-core.reset-submit-btn').click()
  await reset.locator('.reset-done').getByText('查询密码已重新设置，请用新密码登录').waitFor()
  await page.screenshot({ path: join(out, 'h5-reset-password-done.png') })

  // Back on 登录 the lockout sentence is gone; the new password opens 首页 (the lock was lifted).
  await reset.locator('taro-button-core.reset-back-btn').click()
  const again = page.locator('.taro_page_stationed .login-page')
  await again.waitFor()
  expect(await again.locator('.login-error').count()).toBe(0)
  await again.locator('.password-tab.nut-tabs-titles-item-active').waitFor()
  await again.locator('.password-input input').fill(fresh)
  await again.locator('taro-button-core.password-login-btn').click()

  await agreeToSensitive(page)
  const summary = await expectedSummary(4)
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  await home.locator('.masked-name').getByText(summary.maskedName).waitFor()

  // The old password no longer works.
  const old = await requestJson(`${server.url}/api/v1/auth/login/password`, { method: 'POST', body: { idNumber: person.idNumber, password: person.queryPassword } })
  expect(old.status).toBe(401)

  expect(pageErrors).toEqual([])
  // The logger's lines never carry the ID number, the passwords or the code.
  const logLines = (server.output() + server.errors()).split('\n').filter((l) => l.startsWith('{'))
  expect(logLines.some((l) => l.includes('/api/v1/auth/password-reset'))).toBe(true)
  const logText = logLines.join('\n').replace(/"(time|responseTime|pid)":[0-9.]+/g, '')
  for (const secret of [person.idNumber, person.queryPassword, fresh, code]) expect(logText).not.toContain(secret)
})
