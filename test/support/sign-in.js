// The browser layer's way in for the account pages: a fresh context (optionally in 长辈模式), the privacy dialog, 登录
// with the query password (no SMS: a second code for the same phone within a minute would wait for the resend), the
// sensitive-information consent when the person meets it (once per person: the server keeps it), then 首页.
const { phonePage, agreeToPrivacy, agreeToSensitive } = require('./browser')
const { useElderMode } = require('./a11y')

/** Demo person `person` (from demo-persons.js) signed in on 首页; resolves to the page and 首页's locator. */
async function signedInHome (browser, serverUrl, person, { elder = false, pageErrors = [] } = {}) {
  const page = await phonePage(browser, pageErrors)
  if (elder) await useElderMode(page)
  await page.goto(`${serverUrl}/#/pages/index/index`)
  await agreeToPrivacy(page)
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.locator('.password-tab').click()
  await login.locator('.password-tab.nut-tabs-titles-item-active').waitFor()
  await login.locator('.identifier-input input').fill(person.idNumber)
  await login.locator('.password-input input').fill(person.queryPassword)
  await login.locator('taro-button-core.password-login-btn').click()
  const home = page.locator('.taro_page_stationed .home-page')
  await page.locator('.taro_page_stationed .consent-panel, .taro_page_stationed .home-page .masked-name').first().waitFor()
  if (await page.locator('.taro_page_stationed .consent-panel').count()) await agreeToSensitive(page)
  await home.locator('.masked-name').waitFor()
  return { page, home }
}

module.exports = { signedInHome }
