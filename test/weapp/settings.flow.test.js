// Compiled weapp layer: 设置 › 隐私与授权 from the real dist/weapp against the real server. A person signed in the way
// the app does it opens the page: both consents with the version in force and when each was given (China time), the
// titles as headings and the buttons named for a screen reader (WeChat's aria-role / aria-label); 撤回同意 through
// its modal dialog, declined and then confirmed.
const { distDir } = require('../support/dist')
const { waitFor, signedInMiniProgram, deepElement, tapElement } = require('./harness')
const { startServer, requestJson } = require('../support/server-process')

jest.setTimeout(90_000)
const root = distDir('weapp')

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')

/** A China wall-clock time the way the page writes it (2026年12月7日 14:05), computed without the app's code. */
function chinaTime (iso) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((x) => [x.type, x.value]))
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`
}

test('隐私与授权 shows each consent with its version and when it was given, with headings and named buttons', async () => {
  const { mp } = await signedInMiniProgram({ root, apiOrigin: server.url, loginCode: 'wx-demo-3' })
  const account = mp.requests.find((r) => r.url.endsWith('/api/v1/account'))
  const authorization = account.header.Authorization ?? account.header.authorization
  const standing = (await requestJson(`${server.url}/api/v1/consents`, { headers: { authorization } })).json.items

  const settings = mp.open('packages/settings/pages/privacy/index')
  await waitFor(() => text(settings).includes('同意时间'), 10_000)
  const shown = text(settings)
  expect(shown).toContain('隐私与授权')
  for (const s of standing) {
    expect(s.acceptedAt).not.toBeNull()
    expect(shown).toContain(s.title)
    expect(shown).toContain(s.version)
    expect(shown).toContain(chinaTime(s.acceptedAt))
  }
  expect(shown).toContain('阅读全文')
  expect(shown).toContain('撤回同意')

  // What reached the view layer carries the roles and names a screen reader reads.
  const sent = JSON.stringify(mp.setDataLog.filter((e) => e.route === 'packages/settings/pages/privacy/index').map((e) => e.data))
  for (const words of ['"heading"', '"button"', '阅读全文《隐私政策》', '撤回同意《敏感个人信息处理授权书》']) expect(sent).toContain(words)

  // 撤回同意 asks first, in a modal dialog named by its question (its answers drawn through Taro's comp);
  // 暂不撤回 changes nothing, 确认撤回 withdraws on the server.
  settings.querySelector('.consent-card--sensitive .consent-withdraw-btn').dispatchEvent('tap')
  await waitFor(() => text(settings).includes('撤回敏感信息授权？'))
  const attrs = settings.querySelector('.withdraw-dialog .modal-dialog')._exparserNode._vt.attrs
  const attr = (name) => attrs.find((a) => a.name === name)?.value
  expect([attr('ariaRole'), attr('ariaLabel'), attr('ariaModal')]).toEqual(['dialog', '撤回敏感信息授权？', 'true'])
  tapElement(await waitFor(() => deepElement(settings, 'withdraw-cancel-btn', '暂不撤回')))
  await waitFor(() => /display: none/.test(settings.querySelector('.withdraw-dialog .nut-dialog').dom.getAttribute('style')))
  expect(mp.requests.some((r) => r.method === 'DELETE' || /withdraw/.test(r.url))).toBe(false)

  settings.querySelector('.consent-card--sensitive .consent-withdraw-btn').dispatchEvent('tap')
  tapElement(await waitFor(() => deepElement(settings, 'withdraw-confirm-btn', '确认撤回')))
  await waitFor(() => text(settings).includes('已撤回敏感个人信息授权'), 10_000)
  const after = (await requestJson(`${server.url}/api/v1/consents`, { headers: { authorization } })).json.items
  expect(after.find((s) => s.document === 'sensitive').acceptedAt).toBeNull()
})
