// Browser layer: the pages and dialogs before the account (登录 with both tabs, 实名绑定, 身份验证, 重设查询密码, the
// privacy dialog and the sensitive-information consent) for a screen reader and a keyboard, in the standard mode and
// in 长辈模式: axe finds nothing serious, the controls a person uses are found by role and name, the hidden tab pane
// is out of reach, a dialog takes the focus and gives it back, and a screenshot of each.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out } = require('../support/browser')
const { expectAccessible, expectAccessibleWithin, expectSizes, textContrast, useElderMode, shownPage } = require('../support/a11y')
const { startServer, requestJson, latestSmsCode } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(180_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

/** A fresh phone page, in 长辈模式 when asked (before its first page, as the remembered choice would be). */
async function freshPage (elder) {
  const page = await phonePage(browser, pageErrors)
  if (elder) await useElderMode(page)
  return page
}

/** A session opened through the API (a dev platform login), handed to the page as the app keeps it (sessionStorage). */
async function withSession (page, code) {
  const login = await requestJson(`${server.url}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code } })
  expect(login.status).toBe(200)
  const { token, expiresAt, bound, verifiedUntil } = login.json
  const stored = JSON.stringify({ token, expiresAt, bound, verifiedUntil })
  await page.addInitScript({ content: `sessionStorage.setItem('yibao.session', ${JSON.stringify(stored)})` })
  return token
}

/** The element that has the keyboard focus: its class list and the dialog / tab pane it sits in. */
const focused = (page) => page.evaluate(() => {
  const el = globalThis.document.activeElement
  return {
    className: el?.className ?? '',
    inDialog: !!el?.closest('[role="dialog"]'),
    inPane: el?.closest('[role="tabpanel"]')?.id ?? null,
    text: el?.textContent?.trim() ?? '',
  }
})

/** Tab (at most `limit` times) until the focus is on a control whose text is `text`; fails if it never gets there. */
async function tabTo (page, text, { limit = 12, stayInDialog = false } = {}) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    if (stayInDialog) expect(f.inDialog).toBe(true)
    if (f.text === text) return f
  }
  throw new Error(`Tab never reached ${text}`)
}

/** What describes a field to a screen reader: the words of the elements its aria-describedby names, in order. */
const description = (field) => field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
  .map((id) => el.ownerDocument.getElementById(id)?.textContent?.trim() ?? `(no #${id})`).join(' | '))

/**
 * Each field has a visible label, above it and at least the mode's body size (18 CSS px in 长辈模式), that names it
 * and that a tap on moves the caret into it; the field itself is found by that name.
 */
async function expectLabelled (page, scope, names, elder) {
  for (const name of names) {
    const label = scope.locator('label', { hasText: new RegExp(`^${name}$`) })
    expect(await label.isVisible()).toBe(true)
    // (A tab pane is named by its tab, which may read the same: the field is the input that name finds.)
    const field = scope.getByLabel(name, { exact: true }).and(scope.locator('input'))
    const [labelBox, fieldBox] = [await label.boundingBox(), await field.boundingBox()]
    expect(labelBox.y + labelBox.height).toBeLessThanOrEqual(fieldBox.y)
    expect(await label.evaluate((el) => parseFloat(el.ownerDocument.defaultView.getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(elder ? 18 : 16)
    await label.click()
    expect(await field.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
  }
}

/** Buttons and tabs in 长辈模式 are at least 48 CSS px tall (44 in the standard mode). */
async function expectTapSize (locators, elder) {
  for (const l of locators) {
    const box = await l.boundingBox()
    expect(box.height).toBeGreaterThanOrEqual(elder ? 48 : 44)
  }
}

const modes = [['standard', false, ''], ['长辈模式', true, '-elder']]

describe.each(modes)('%s', (_mode, elder, sfx) => {
  /** axe, and no text or control under the mode's floor, on the page as shown now. */
  const expectFinished = async (page) => {
    await expectAccessible(page)
    await expectSizes(page, elder ? 'elder' : 'standard')
  }

  test('登录 on a first run: the privacy dialog takes the focus, 不同意 gives it back, Tab and Enter reach 同意并继续; both tabs', async () => {
    const page = await freshPage(elder)
    await page.goto(`${server.url}/#/pages/login/index`)
    const shown = shownPage(page)

    // The dialog: a modal dialog named by its title, the focus inside it, the page behind out of reach.
    const dialog = shown.getByRole('dialog', { name: '个人信息保护提示' })
    await dialog.getByRole('button', { name: '同意并继续' }).waitFor()
    await page.waitForFunction(() => !!globalThis.document.activeElement?.closest('[role="dialog"]'))
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    await dialog.getByRole('heading', { name: '个人信息保护提示' }).waitFor()
    await dialog.getByRole('button', { name: '不同意' }).waitFor()
    const fullText = dialog.getByRole('button', { name: '查看《隐私政策》全文' })
    expect(await fullText.getAttribute('aria-expanded')).toBe('false')
    await expectFinished(page)
    await page.screenshot({ path: join(out, `h5-privacy-dialog${sfx}.png`) })
    await expectTapSize([dialog.getByRole('button', { name: '同意并继续' }), dialog.getByRole('button', { name: '不同意' })], elder)

    // 不同意 by keyboard: the cover says why, its read button is there; the login form under it is out of reach.
    await tabTo(page, '不同意', { stayInDialog: true })
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    const read = shown.getByRole('button', { name: '阅读《隐私政策》' })
    await read.waitFor()
    await shown.getByRole('heading', { name: '您暂未同意《隐私政策》' }).waitFor()
    expect(await shown.getByRole('button', { name: '获取验证码' }).count()).toBe(0)
    await expectFinished(page)
    await page.screenshot({ path: join(out, `h5-login-privacy-cover${sfx}.png`) })

    // Opened again from the read button: focus goes in; 不同意 brings it back to the read button.
    await read.focus()
    await page.keyboard.press('Enter')
    await dialog.getByRole('button', { name: '同意并继续' }).waitFor()
    await page.waitForFunction(() => !!globalThis.document.activeElement?.closest('[role="dialog"]'))
    await tabTo(page, '不同意', { stayInDialog: true })
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    await page.waitForFunction(() => globalThis.document.activeElement?.textContent?.trim() === '阅读《隐私政策》')

    // Once more, and this time Tab reaches 同意并继续 and Enter presses it.
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => !!globalThis.document.activeElement?.closest('[role="dialog"]'))
    await tabTo(page, '同意并继续', { stayInDialog: true })
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })

    // 登录: a heading, two tabs, named fields and buttons.
    await shown.getByRole('heading', { name: '登录医保账户', level: 1 }).waitFor()
    const smsTab = shown.getByRole('tab', { name: '手机验证码登录' })
    const passwordTab = shown.getByRole('tab', { name: '查询密码登录' })
    expect(await smsTab.getAttribute('aria-selected')).toBe('true')
    expect(await passwordTab.getAttribute('aria-selected')).toBe('false')
    await shown.getByRole('tablist').waitFor()
    const phone = shown.getByRole('textbox', { name: '手机号', exact: true })
    await phone.waitFor()
    await shown.getByRole('textbox', { name: '短信验证码', exact: true }).waitFor()
    await expectLabelled(page, shown, ['手机号', '短信验证码'], elder)
    const send = shown.getByRole('button', { name: '获取验证码' })
    await send.waitFor()
    const smsLogin = shown.getByRole('button', { name: '手机验证码登录' })
    await smsLogin.waitFor()
    // The hidden pane's fields and button are in no screen reader's tree.
    expect(await shown.getByRole('textbox', { name: '身份证号或医保卡号' }).count()).toBe(0)
    expect(await shown.getByRole('button', { name: '查询密码登录' }).count()).toBe(0)
    await expectFinished(page)
    await expectTapSize([smsTab, passwordTab, send, smsLogin], elder)
    await page.screenshot({ path: join(out, `h5-login${sfx}.png`) })

    // Tab from the last control of the shown pane never lands in the hidden one, and the panes do not slide.
    const strip = shown.locator('.login-tabs .nut-tabs-content')
    const before = await strip.evaluate((el) => el.getAttribute('style'))
    await smsLogin.focus()
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      expect((await focused(page)).inPane).not.toBe('login-pane-password')
    }
    expect(await strip.evaluate((el) => el.getAttribute('style'))).toBe(before)
    const hiddenInput = shown.locator('.identifier-input input')
    expect(await hiddenInput.evaluate((el) => !!el.closest('[inert]') && el.ownerDocument.defaultView.getComputedStyle(el).visibility === 'hidden')).toBe(true)

    // A wrong number: the error line is a live region, it describes the phone field, which is marked invalid; the
    // code field (not what is wrong) is neither.
    await phone.fill('12345')
    await send.click()
    const smsError = shown.locator('.login-error')
    await smsError.getByText('请输入正确的 11 位手机号').waitFor()
    expect(await smsError.evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'))).toBe('assertive')
    expect(await description(phone)).toBe('请输入正确的 11 位手机号')
    expect(await phone.getAttribute('aria-invalid')).toBe('true')
    const codeField = shown.getByLabel('短信验证码', { exact: true })
    expect(await codeField.getAttribute('aria-invalid')).toBeNull()
    expect(await description(codeField)).toBe('')
    await expectFinished(page)
    await page.screenshot({ path: join(out, `h5-login-phone-error${sfx}.png`) })

    // The countdown is readable (it was 1.8:1).
    const person = demoPersons()[elder ? 1 : 0]
    await phone.fill(person.phone)
    expect(await phone.getAttribute('aria-invalid')).toBeNull()
    await send.click()
    const countdown = shown.locator('taro-button-core.send-code-btn')
    await countdown.getByText(/\d+秒后重新获取/).waitFor()
    expect(await textContrast(countdown)).toBeGreaterThanOrEqual(4.5)
    await latestSmsCode(server.url, person.phone, { purpose: 'login' })
    // Where the code went is read with the code field.
    expect(await description(codeField)).toMatch(/^验证码已发送至 138\*{4}\d{4}，5 分钟内有效$/)
    await page.screenshot({ path: join(out, `h5-login-countdown${sfx}.png`) })

    // The other tab by keyboard: Enter on its title; now the SMS pane is the one out of reach.
    await passwordTab.focus()
    await page.keyboard.press('Enter')
    await shown.locator('.password-tab.nut-tabs-titles-item-active').waitFor()
    expect(await passwordTab.getAttribute('aria-selected')).toBe('true')
    await shown.getByRole('textbox', { name: '身份证号或医保卡号' }).waitFor()
    await shown.getByLabel('查询密码', { exact: true }).waitFor()
    await expectLabelled(page, shown, ['身份证号或医保卡号', '查询密码'], elder)
    expect(await description(shown.getByLabel('查询密码', { exact: true }))).toBe('查询密码是办理医保卡时设置的 6 位数字。连续输错 5 次会锁定 30 分钟。')
    const passwordLogin = shown.getByRole('button', { name: '查询密码登录' })
    await passwordLogin.waitFor()
    await shown.getByRole('link', { name: '忘记密码？用身份证号和短信验证码重新设置' }).waitFor()
    expect(await shown.getByRole('button', { name: '获取验证码' }).count()).toBe(0)
    await passwordLogin.focus()
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      expect((await focused(page)).inPane).not.toBe('login-pane-sms')
    }
    await expectFinished(page)
    await expectTapSize([passwordLogin], elder)
    await page.screenshot({ path: join(out, `h5-login-password${sfx}.png`) })
    expect(pageErrors).toEqual([])
  })

  test('重设查询密码: heading, named fields, buttons, one 12393 link; a code typed before any was asked for says so', async () => {
    const page = await freshPage(elder)
    await page.goto(`${server.url}/#/packages/verify/pages/reset-password/index`)
    const shown = shownPage(page)
    await shown.getByRole('heading', { name: '重设查询密码', level: 1 }).waitFor()
    const fields = ['身份证号', '短信验证码', '新的查询密码', '再输入一次新的查询密码']
    for (const name of fields) await shown.getByLabel(name, { exact: true }).waitFor()
    await shown.getByRole('textbox', { name: '身份证号', exact: true }).waitFor()
    await shown.getByRole('textbox', { name: '短信验证码', exact: true }).waitFor()
    await expectLabelled(page, shown, fields, elder)
    // The new password's rules are read with it.
    expect(await description(shown.getByLabel('新的查询密码', { exact: true }))).toMatch(/^新的查询密码需要：· 6 位数字/)
    await shown.getByRole('button', { name: '获取验证码' }).waitFor()
    const submit = shown.getByRole('button', { name: '确认重设' })
    await submit.waitFor()
    const hotline = shown.getByRole('link', { name: '拨打医保服务热线 12393' })
    expect(await hotline.count()).toBe(1)
    expect(await hotline.getAttribute('tabindex')).toBe('0')
    await expectFinished(page)
    await page.screenshot({ path: join(out, `h5-reset-password-form${sfx}.png`) })

    // Everything filled in but no code was ever asked for: the page says what to do, not 验证码已过期.
    const person = demoPersons()[elder ? 2 : 3]
    await shown.getByLabel('身份证号', { exact: true }).fill(person.idNumber)
    await shown.getByLabel('短信验证码', { exact: true }).fill('123456')
    await shown.getByLabel('新的查询密码', { exact: true }).fill('802413')
    await shown.getByLabel('再输入一次新的查询密码', { exact: true }).fill('802413')
    await submit.focus()
    await page.keyboard.press('Enter')
    await shown.locator('.reset-error').getByText('请先点「获取验证码」，再输入短信里的 6 位数字').waitFor()
    // The server's answer is about the form, not one field's own check: every field is described by it, none marked.
    for (const name of fields) {
      expect(await description(shown.getByLabel(name, { exact: true }))).toMatch(/请先点「获取验证码」，再输入短信里的 6 位数字$/)
      expect(await shown.getByLabel(name, { exact: true }).getAttribute('aria-invalid')).toBeNull()
    }
    expect(await shown.getByText('已过期').count()).toBe(0)
    await expectTapSize([submit], elder)
    await page.screenshot({ path: join(out, `h5-reset-password-no-code${sfx}.png`) })
    expect(pageErrors).toEqual([])
  })

  test('身份验证: heading, tabs with the hidden pane out of reach, no 刷脸验证 in a browser, one 12393 link', async () => {
    const page = await freshPage(elder)
    const person = elder ? 2 : 4
    await withSession(page, `wx-demo-${person}`)
    await page.goto(`${server.url}/#/packages/verify/pages/verify/index`)
    const shown = shownPage(page)
    const dialog = shown.getByRole('dialog', { name: '个人信息保护提示' })
    await dialog.getByRole('button', { name: '同意并继续' }).click()
    await dialog.waitFor({ state: 'detached' })

    await shown.getByRole('heading', { name: '请确认是您本人', level: 1 }).waitFor()
    const smsTab = shown.getByRole('tab', { name: '短信验证码' })
    await smsTab.waitFor()
    expect(await smsTab.getAttribute('aria-selected')).toBe('true')
    await shown.getByRole('textbox', { name: '短信验证码' }).waitFor()
    await expectLabelled(page, shown, ['短信验证码'], elder)
    expect(await description(shown.getByRole('textbox', { name: '短信验证码', exact: true }))).toMatch(/^验证码将发送到您登记的手机 /)
    await shown.getByRole('button', { name: '获取验证码' }).waitFor()
    const submit = shown.getByRole('button', { name: '验证', exact: true })
    await submit.waitFor()
    expect(await shown.getByRole('link', { name: '拨打医保服务热线 12393' }).count()).toBe(1)
    // A browser has no face check: it is not offered, not even greyed out.
    expect(await shown.getByText('刷脸').count()).toBe(0)
    // (A password field has no role: it is found by its name.)
    expect(await shown.locator('.verify-password-input input').evaluate((el) => !!el.closest('[inert]'))).toBe(true)
    await expectFinished(page)
    await expectTapSize([smsTab, submit], elder)
    await page.screenshot({ path: join(out, `h5-verify-sms${sfx}.png`) })

    const passwordTab = shown.getByRole('tab', { name: '查询密码' })
    await passwordTab.focus()
    await page.keyboard.press('Enter')
    expect(await passwordTab.getAttribute('aria-selected')).toBe('true')
    const password = shown.getByRole('textbox', { name: '查询密码', exact: true })
    await password.waitFor()
    expect(await password.evaluate((el) => !el.closest('[inert]'))).toBe(true)
    await expectLabelled(page, shown, ['查询密码'], elder)
    expect(await shown.getByRole('button', { name: '获取验证码' }).count()).toBe(0)
    await shown.getByRole('link', { name: '忘记密码？用身份证号和短信验证码重新设置' }).waitFor()
    if (!elder) {
      // A page with no ID field names only the password when it is wrong.
      const p = demoPersons()[person - 1]
      await password.fill(p.queryPassword === '000000' ? '999999' : '000000')
      await submit.click()
      await shown.locator('.verify-error').getByText('查询密码不正确，还可以再试 4 次', { exact: true }).waitFor()
      expect(await description(password)).toBe('查询密码是办理医保卡时设置的 6 位数字。连续输错 5 次会锁定 30 分钟。 | 查询密码不正确，还可以再试 4 次')
    }
    await expectFinished(page)
    await page.screenshot({ path: join(out, `h5-verify-password${sfx}.png`) })
    expect(pageErrors).toEqual([])
  })

  test('实名绑定: heading, named fields, 下一步, one 12393 link; then the matched record with the SMS step', async () => {
    const page = await freshPage(elder)
    await withSession(page, `wx-new-a11y${elder ? 'e' : 's'}.1`)
    await page.goto(`${server.url}/#/packages/verify/pages/bind/index`)
    const shown = shownPage(page)
    const dialog = shown.getByRole('dialog', { name: '个人信息保护提示' })
    await dialog.getByRole('button', { name: '同意并继续' }).click()
    await dialog.waitFor({ state: 'detached' })

    await shown.getByRole('heading', { name: '第一次使用，请先实名绑定', level: 1 }).waitFor()
    const name = shown.getByRole('textbox', { name: '姓名' })
    const id = shown.getByRole('textbox', { name: '身份证号', exact: true })
    await expectLabelled(page, shown, ['姓名', '身份证号'], elder)
    const next = shown.getByRole('button', { name: '下一步' })
    await next.waitFor()
    expect(await shown.getByRole('link', { name: '拨打医保服务热线 12393' }).count()).toBe(1)
    await expectFinished(page)
    await expectTapSize([next], elder)
    await page.screenshot({ path: join(out, `h5-bind${sfx}.png`) })

    const person = demoPersons()[elder ? 1 : 0]
    // An ID number with a wrong check digit: that field, and only it, is marked and described by the error.
    await name.fill(person.name)
    await id.fill(person.idNumber.slice(0, 17) + (person.idNumber[17] === '0' ? '1' : '0'))
    await next.click()
    await shown.locator('.bind-error').getByText(/^身份证号不正确/).waitFor()
    expect(await id.getAttribute('aria-invalid')).toBe('true')
    expect(await description(id)).toMatch(/^身份证号不正确/)
    expect(await name.getAttribute('aria-invalid')).toBeNull()
    await expectFinished(page)
    await page.screenshot({ path: join(out, `h5-bind-id-error${sfx}.png`) })
    await id.fill(person.idNumber)
    await next.click()
    await shown.getByRole('heading', { name: '已找到您的参保信息', level: 1 }).waitFor()
    await shown.getByRole('button', { name: '信息不对？重新填写' }).waitFor()
    await shown.getByRole('button', { name: '获取验证码' }).waitFor()
    await shown.getByRole('textbox', { name: '短信验证码', exact: true }).waitFor()
    await expectLabelled(page, shown, ['短信验证码'], elder)
    await shown.getByRole('button', { name: '完成绑定' }).waitFor()
    expect(await shown.getByText('刷脸').count()).toBe(0)
    await expectFinished(page)
    await page.screenshot({ path: join(out, `h5-bind-matched${sfx}.png`) })
    expect(pageErrors).toEqual([])
  })

  test('the sensitive-information consent on 首页: heading, buttons, the full text as a toggle; declined with the 12393 link', async () => {
    const page = await freshPage(elder)
    await withSession(page, `wx-demo-${elder ? 3 : 1}`)
    await page.goto(`${server.url}/#/pages/index/index`)
    const shown = shownPage(page)
    const dialog = shown.getByRole('dialog', { name: '个人信息保护提示' })
    await dialog.getByRole('button', { name: '同意并继续' }).click()
    await dialog.waitFor({ state: 'detached' })

    const panel = shown.locator('.consent-panel')
    await panel.getByRole('heading', { name: '查看医保信息前，请您单独授权' }).waitFor()
    const agree = panel.getByRole('button', { name: '同意', exact: true })
    await agree.waitFor()
    const decline = panel.getByRole('button', { name: '暂不同意' })
    const toggle = panel.getByRole('button', { name: '查看《敏感个人信息处理授权书》全文' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    await expectAccessibleWithin(page, '.taro_page_stationed .consent-panel')
    await expectTapSize([agree, decline], elder)
    await page.screenshot({ path: join(out, `h5-sensitive-consent${sfx}.png`) })

    await decline.focus()
    await page.keyboard.press('Enter')
    await panel.getByRole('heading', { name: '您暂未同意，我们不会读取您的医保信息' }).waitFor()
    expect(await panel.getByRole('link', { name: '拨打医保服务热线 12393' }).count()).toBe(1)
    const reconsider = panel.getByRole('button', { name: '重新阅读授权说明' })
    await reconsider.waitFor()
    await expectAccessibleWithin(page, '.taro_page_stationed .consent-panel')
    await page.screenshot({ path: join(out, `h5-sensitive-declined${sfx}.png`) })
    expect(pageErrors).toEqual([])
  })

  test('扫一扫 in a browser: the paste-a-link dialog takes the focus, Escape closes it and the focus comes back', async () => {
    const page = await freshPage(elder)
    await page.goto(`${server.url}/#/pages/index/index`)
    const shown = shownPage(page)
    const privacy = shown.getByRole('dialog', { name: '个人信息保护提示' })
    await privacy.getByRole('button', { name: '同意并继续' }).click()
    await privacy.waitFor({ state: 'detached' })

    const scan = shown.getByRole('button', { name: /^扫一扫/ })
    await scan.focus()
    await page.keyboard.press('Enter')
    const dialog = shown.getByRole('dialog', { name: '打开医院或家人的链接' })
    await dialog.getByRole('heading', { name: '打开医院或家人的链接' }).waitFor()
    await page.waitForFunction(() => !!globalThis.document.activeElement?.closest('[role="dialog"]'))
    expect(await dialog.getAttribute('aria-modal')).toBe('true')
    await dialog.getByRole('textbox', { name: '医院或家人的链接' }).waitFor()
    await dialog.getByRole('button', { name: '打开' }).waitFor()
    const cancel = dialog.getByRole('button', { name: '取消' })
    await cancel.waitFor()
    // The page behind is out of reach while it is open.
    expect(await scan.evaluate((el) => !!el.closest('[inert]'))).toBe(true)
    await expectAccessibleWithin(page, '.taro_page_stationed .modal-dialog')
    await expectTapSize([cancel], elder)
    await page.screenshot({ path: join(out, `h5-paste-link-dialog${sfx}.png`) })

    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await page.waitForFunction(() => (globalThis.document.activeElement?.getAttribute('aria-label') ?? '').startsWith('扫一扫'))
    expect(await scan.evaluate((el) => !!el.closest('[inert]'))).toBe(false)
    expect(pageErrors).toEqual([])
  })
})
