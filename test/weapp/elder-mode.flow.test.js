// Compiled weapp layer: 长辈模式 in the real dist/weapp under miniprogram-simulate. WeChat's reported text size
// (getAppBaseInfo().fontSizeSetting) switches it on by itself, the switch on 首页 turns it off and on by hand (kept in
// the platform's storage), and the compiled page carries the role and state a screen reader reads.
const { distDir } = require('../support/dist')
const { createMiniProgram, waitFor, agreeToPrivacy } = require('./harness')
const { startServer } = require('../support/server-process')

jest.setTimeout(60_000)
const root = distDir('weapp')

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

/** The attributes WeChat renders for an element (simulate keeps them on the exparser node, camel-cased). */
const attrs = (el) => el._exparserNode._vt.attrs.reduce((all, a) => ({ ...all, [a.name]: a.value }), {})
// Class names as written in the source (simulate prefixes them with the component's scope, `main--`).
const classes = (el) => String(el.dom.getAttribute('class') || '').split(/\s+/).map((c) => c.replace(/^main--/, ''))

test('a large WeChat text size starts 长辈模式; the switch turns it off and on, and the choice is kept', async () => {
  const mp = createMiniProgram({ root, apiOrigin: server.url, fontSizeSetting: 24 })
  const home = mp.open('pages/index/index')
  await agreeToPrivacy(mp, home)
  const page = await waitFor(() => home.querySelector('.home-page'))
  expect(classes(page)).toContain('elder')

  const elderSwitch = await waitFor(() => home.querySelector('.elder-switch'))
  expect(attrs(elderSwitch)).toMatchObject({ ariaRole: 'switch', ariaLabel: '长辈模式：字更大，按钮更大', ariaChecked: 'true' })

  elderSwitch.dispatchEvent('tap')
  await waitFor(() => !classes(home.querySelector('.home-page')).includes('elder'))
  await waitFor(() => attrs(home.querySelector('.elder-switch')).ariaChecked === 'false')
  await waitFor(() => mp.storage.get('display.elder')?.data === 'off')

  home.querySelector('.elder-switch').dispatchEvent('tap')
  await waitFor(() => classes(home.querySelector('.home-page')).includes('elder'))
  await waitFor(() => mp.storage.get('display.elder')?.data === 'on')
})

test('a standard text size starts in the standard mode, and 登录查看 is a named button to WeChat\'s reader', async () => {
  jest.resetModules() // another phone: the app's modules, storage and stores afresh
  const mp = createMiniProgram({ root, apiOrigin: server.url, fontSizeSetting: 17 })
  const home = mp.open('pages/index/index')
  await agreeToPrivacy(mp, home)
  const page = await waitFor(() => home.querySelector('.home-page'))
  expect(classes(page)).not.toContain('elder')
  const login = await waitFor(() => home.querySelector('.login-entry-btn'))
  // NutUI's Button is WeChat's own button component there: a button to its reader without a role attribute.
  expect(login._exparserNode.is).toBe('button')
  expect(attrs(home.querySelector('.entry-scan'))).toMatchObject({ ariaRole: 'button', ariaLabel: expect.stringMatching(/^扫一扫，/) })
})
