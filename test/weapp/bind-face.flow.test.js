// Compiled weapp layer, first use of a WeChat account: 微信一键登录 (an openid nobody has bound) → 实名绑定 (name +
// ID number, then face check 2.0) → 首页 with the balance; later, past the verification window, 账户余额 → 身份验证
// → face check → back to the balance; past the window once more, the phone's fingerprint (SOTER) re-opens it. Only
// wx.requestFacialVerify and the SOTER calls are stubbed (they play the person and the phone: the fake WeChat server
// learns how the face check ended, and the phone's key signs the challenge); the server asks WeChat itself.
const { distDir } = require('../support/dist')
const { createMiniProgram, waitFor, agreeToPrivacy, agreeToSensitive } = require('./harness')
const { startServer, startFakeWechat, requestJson } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')
const { yuan } = require('../support/money')

jest.setTimeout(90_000)
const root = distDir('weapp')
const WINDOW_SECONDS = 4

let wechat; let server
beforeAll(async () => {
  wechat = await startFakeWechat()
  server = await startServer({
    WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.url, VERIFY_WINDOW_SECONDS: String(WINDOW_SECONDS),
  })
})
afterAll(async () => { await server?.stop(); await wechat?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
/**
 * Types into a NutUI Input the way the WeChat input component reports it (an input event with detail.value), then
 * waits until the page has rendered the value (a person cannot type into the next field within the same tick).
 */
async function type (mp, page, selector, value) {
  const input = page.querySelector(`${selector} .nut-input-native`)
  if (!input) throw new Error(`no input in ${selector}`)
  input.dispatchEvent('input', { detail: { value } })
  await waitFor(() => mp.setDataLog.some((e) => JSON.stringify(e.data).includes(JSON.stringify(value))))
}

test('bind a new WeChat account by face, verify by face when the window has passed, later by fingerprint', async () => {
  const person = demoPersons()[1] // demo person 2
  const faceCalls = []; const soterCalls = []
  await wechat.addSoterDevice('o-new-bind1')
  const mp = createMiniProgram({
    root,
    apiOrigin: server.url,
    loginCode: 'wx-new-bind1.1',
    wxOverrides: {
      // The person passes the camera step: the fake WeChat server will say so when our server asks.
      requestFacialVerify: (o) => {
        faceCalls.push(o.verifyId)
        void wechat.setFace(o.verifyId, 10000).then(() => { o.success?.({ errMsg: 'requestFacialVerify:ok' }) })
      },
      checkIsSupportSoterAuthentication: (o) => setTimeout(() => o.success?.({ supportMode: ['fingerPrint'] }), 0),
      // The phone signs what WeChat's SOTER signs: a resultJSON whose raw is the server's challenge.
      startSoterAuthentication: (o) => {
        soterCalls.push(o)
        const resultJSON = JSON.stringify({ raw: o.challenge, fid: '1', counter: soterCalls.length, tee_n: 'fake', tee_v: '1', fp_n: 'fake', fp_v: '1', cpu_id: 'fake', uid: '1' })
        void wechat.soterSign('o-new-bind1', resultJSON).then((resultJSONSignature) => {
          o.success?.({ errCode: 0, resultJSON, resultJSONSignature, authMode: 'fingerPrint', errMsg: 'startSoterAuthentication:ok' })
        })
      },
    },
  })
  const home = mp.open('pages/index/index')
  await agreeToPrivacy(mp, home)
  ;(await waitFor(() => home.querySelector('.login-entry-btn'))).dispatchEvent('tap')
  const login = await waitFor(() => mp.pages.length === 2 && mp.current())
  ;(await waitFor(() => login.querySelector('.platform-login-btn'))).dispatchEvent('tap')

  // Not bound yet: 登录 gives way to 实名绑定.
  const bind = await waitFor(() => mp.pages.at(-1)?.route === 'packages/verify/pages/bind/index' && mp.current())
  await waitFor(() => text(bind).includes('第一次使用，请先实名绑定'))
  await type(mp, bind, '.bind-name-input', person.name)
  await type(mp, bind, '.bind-id-input', person.idNumber)
  bind.querySelector('.bind-start-btn').dispatchEvent('tap')
  await waitFor(() => text(bind).includes('已找到您的参保信息'))
  expect(text(bind)).toContain(`${person.idNumber.slice(0, 3)}***********${person.idNumber.slice(14)}`)
  expect(text(bind)).not.toContain(person.idNumber)
  expect(text(bind)).toContain('刷脸前请注意') // the tips come before the camera
  expect(faceCalls).toHaveLength(0)
  bind.querySelector('.face-start-btn').dispatchEvent('tap')

  // Bound and verified: 首页 shows the person's balance.
  const homeAgain = await waitFor(() => mp.pages.length === 1 && mp.pages[0].route === 'pages/index/index' && mp.current(), 10_000)
  await agreeToSensitive(mp, homeAgain) // the first time this person's account is shown
  await waitFor(() => text(homeAgain).includes('个人账户余额'), 10_000)
  expect(faceCalls).toHaveLength(1)
  const calls = (await wechat.calls()).map((c) => c.path)
  expect(calls).toEqual(expect.arrayContaining(['/sns/jscode2session', '/cityservice/face/identify/getverifyid', '/cityservice/face/identify/queryverifyinfo']))
  const bindCall = mp.requests.find((r) => r.url.endsWith('/api/v1/binding') && r.method === 'POST')
  expect(bindCall.data).toEqual({ name: person.name, idNumber: person.idNumber })
  // Every request names the build and the entry (its kind and the platform scene), for the person's access log.
  expect(bindCall.header).toMatchObject({ 'X-Client-Channel': 'weapp', 'X-Entry-Scene': 'open:1001' })

  // The figure to expect, from a session of the test's own (the person's query password), and the binding kept:
  // the next login of this WeChat account is bound.
  const own = await requestJson(`${server.url}/api/v1/auth/login/password`, { method: 'POST', body: { idNumber: person.idNumber, password: person.queryPassword } })
  const { balanceFen, maskedName } = (await requestJson(`${server.url}/api/v1/account`, { headers: { authorization: `Bearer ${own.json.token}` } })).json
  expect(text(homeAgain)).toContain(yuan(balanceFen))
  expect(text(homeAgain)).toContain(maskedName)
  const relogin = await requestJson(`${server.url}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code: 'wx-new-bind1.2' } })
  expect(relogin.json.bound).toBe(true)

  // Past the window: 首页 itself takes the balance away and asks for a fresh check, by face again.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 + 500))
  ;(await waitFor(() => homeAgain.querySelector('.verify-btn'))).dispatchEvent('tap')
  expect(text(homeAgain)).not.toContain(yuan(balanceFen))
  const verify = await waitFor(() => mp.pages.at(-1)?.route === 'packages/verify/pages/verify/index' && mp.current(), 10_000)
  await waitFor(() => verify.querySelector('.face-start-btn'))
  expect(text(verify)).toContain('刷脸前请注意')
  expect(verify.querySelector('.verify-sms-tab')).toBeUndefined() // SMS and password come after two failed face checks
  // The binding proved who this is on this phone, so the fingerprint is offered too; this time the person uses face.
  expect(verify.querySelector('.verify-soter-btn')).toBeDefined()
  expect(text(verify)).toContain('用指纹解锁')
  verify.querySelector('.face-start-btn').dispatchEvent('tap')

  // Verified: back on 首页, the balance is there again.
  await waitFor(() => mp.pages.length === 1 && text(homeAgain).includes(yuan(balanceFen)), 10_000)
  expect(faceCalls).toHaveLength(2)
  expect(mp.requests.filter((r) => /\/api\/v1\/verifications\/face\/\d+\/result$/.test(r.url))).toHaveLength(1)

  // Past the window once more: this time the fingerprint re-opens it (the phone signs the server's challenge), and
  // 账户余额 opened from the card shows the figure.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000 + 500))
  ;(await waitFor(() => homeAgain.querySelector('.verify-btn'))).dispatchEvent('tap')
  const verify2 = await waitFor(() => mp.pages.at(-1)?.route === 'packages/verify/pages/verify/index' && mp.current(), 10_000)
  ;(await waitFor(() => verify2.querySelector('.verify-soter-btn'))).dispatchEvent('tap')
  ;(await waitFor(() => mp.pages.length === 1 && homeAgain.querySelector('.home-card-link'), 10_000)).dispatchEvent('tap')
  const balance2 = await waitFor(() => mp.pages.at(-1)?.route === 'packages/account/pages/balance/index' && mp.current(), 10_000)
  await waitFor(() => text(balance2).includes(yuan(balanceFen)), 10_000)
  expect(soterCalls).toHaveLength(1)
  expect(soterCalls[0].requestAuthModes).toEqual(['fingerPrint'])
  expect(faceCalls).toHaveLength(2)
  const calls2 = (await wechat.calls()).map((c) => c.path)
  expect(calls2).toContain('/cgi-bin/soter/verify_signature')
})
