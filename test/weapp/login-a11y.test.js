// Compiled weapp layer: 登录 as WeChat's screen reader gets it. The role and name props reach the compiled page
// as aria-role / aria-label attributes (miniprogram-simulate keeps them at node._exparserNode._vt.attrs).
const { distDir } = require('../support/dist')
const { createMiniProgram, waitFor, agreeToPrivacy } = require('./harness')
const { startServer } = require('../support/server-process')

jest.setTimeout(60_000)
const root = distDir('weapp')

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

/** The compiled attributes of a node that have a value, by their camelCase names (ariaRole, ariaLabel, …). */
function attrs (node) {
  const out = {}
  for (const a of node._exparserNode._vt.attrs ?? []) if (a.value !== undefined && a.value !== '') out[a.name] = a.value
  return out
}

/** Elements with a class in the page's composed DOM (simulate prefixes each class with its component's tag). */
const byClass = (page, cls) => [...page.dom.querySelectorAll(`[class*="--${cls}"]`)]
  .filter((el) => (el.getAttribute('class') || '').split(/\s+/).some((c) => c.endsWith(`--${cls}`)))

/** The compiled attributes of such an element that have a value. */
function composedAttrs (el) {
  const out = {}
  for (const a of el.__wxElement._vt.attrs ?? []) if (a.value !== undefined && a.value !== '') out[a.name] = a.value
  return out
}

test('登录: the privacy dialog is a modal dialog; the title is a heading, the tabs are tabs, the main buttons carry their names, the fields their labels', async () => {
  const mp = createMiniProgram({ root, apiOrigin: server.url })
  const login = mp.open('pages/login/index')
  // A first run: the privacy dialog, a modal dialog with its title, and its buttons named.
  const dialog = await waitFor(() => login.querySelector('.modal-dialog'))
  expect(attrs(dialog)).toMatchObject({ ariaRole: 'dialog', ariaModal: 'true' })
  expect(attrs(await waitFor(() => login.querySelector('.modal-dialog-title')))).toMatchObject({ ariaRole: 'heading', ariaLevel: '2' })
  await agreeToPrivacy(mp, login)

  const title = await waitFor(() => login.querySelector('.login-title'))
  expect(attrs(title)).toMatchObject({ ariaRole: 'heading', ariaLevel: '1' })
  // WeChat's one-tap login, a native <button>, with its name.
  const platform = login.querySelector('.platform-login-btn')
  expect(platform._exparserNode.is).toBe('button')
  expect(attrs(platform)).toMatchObject({ ariaLabel: '微信一键登录' })
  // The tab titles: a tablist of tabs, the shown one selected.
  expect(attrs(login.querySelector('.a11y-tablist'))).toMatchObject({ ariaRole: 'tablist' })
  expect(attrs(login.querySelector('.sms-tab'))).toMatchObject({ ariaRole: 'tab', ariaSelected: 'true' })
  expect(attrs(login.querySelector('.password-tab'))).toMatchObject({ ariaRole: 'tab', ariaSelected: 'false' })
  // The SMS pane is a tabpanel; the password pane, not shown, is hidden from the screen reader.
  const panes = login.querySelectorAll('.a11y-tabpanel')
  expect(panes.map((p) => attrs(p))).toEqual([
    expect.objectContaining({ ariaRole: 'tabpanel', ariaHidden: 'false' }),
    expect.objectContaining({ ariaRole: 'tabpanel', ariaHidden: 'true' }),
  ])

  // Each field: a visible label tied to it (label for → the input's id, so a tap on it focuses the field), and the
  // input's own name for the screen reader once it holds text (the placeholder gone). The form lies deeper than
  // querySelector reaches (Taro's `comp` levels): it is read from the page's composed DOM.
  const labels = byClass(login, 'form-field-label')
  const inputs = byClass(login, 'nut-input-native')
  expect(labels.map((l) => l.textContent)).toEqual(['手机号', '短信验证码', '身份证号或医保卡号', '查询密码'])
  expect(inputs.map((i) => composedAttrs(i).ariaLabel)).toEqual(['手机号', '短信验证码', '身份证号或医保卡号', '查询密码'])
  labels.forEach((label, n) => {
    expect(inputs[n].tagName).toBe('WX-INPUT')
    expect(composedAttrs(label).for).toBe(composedAttrs(inputs[n]).id)
  })
  expect(new Set(inputs.map((i) => composedAttrs(i).id)).size).toBe(4)
  // Each tab's error line is a live region from the first render, empty while all is well.
  const live = byClass(login, 'form-error-live')
  expect(live.map((l) => [composedAttrs(l).ariaLive, l.textContent])).toEqual([['assertive', ''], ['assertive', '']])

  // Tapping the other title moves the selection and the hiding with it.
  login.querySelector('.password-tab').dispatchEvent('tap')
  await waitFor(() => attrs(login.querySelector('.password-tab')).ariaSelected === 'true')
  expect(attrs(login.querySelector('.sms-tab')).ariaSelected).toBe('false')
  expect(login.querySelectorAll('.a11y-tabpanel').map((p) => attrs(p).ariaHidden)).toEqual(['true', 'false'])
})
