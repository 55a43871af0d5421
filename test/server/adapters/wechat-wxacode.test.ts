// The WeChat mini-program code client (getwxacodeunlimit) against the fake WeChat server, which checks the token, the
// scene's length and characters, the page and the build the way WeChat documents, and answers a real PNG.
import QRCode from 'qrcode'
import { imageTypeOf } from '../../../server/adapters/wechat-api'
import { WXACODE_UNAVAILABLE_MESSAGE, WechatWxacode, WxacodeError, type WxacodeRequest } from '../../../server/adapters/wechat-wxacode'
import { AppError } from '../../../server/domain/errors'
import { wechatClientUnderTest } from '../../support/wechat-client'

const PAGE = 'packages/hospital/pages/index/index'
const PATH = '/wxa/getwxacodeunlimit'
// The released mini-program has these pages: a code for another page is 41030 while check_path is on.
const wx = wechatClientUnderTest({
  dataKey: 'test-data-key-for-wechat-wxacode-00',
  server: { pages: ['pages/index/index', PAGE] },
  client: (cfg, tokens) => new WechatWxacode(cfg, tokens, { timeoutMs: 1500 }),
})

const request = (over: Partial<WxacodeRequest> = {}): WxacodeRequest => ({ scene: 'h=ABCD2345', page: PAGE, ...over })
const codeCalls = () => wx.fake.calls.filter((c) => c.path === PATH)
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure') }, (e: unknown) => e)

test('one POST with the current token and exactly the documented fields; the PNG WeChat made comes back as bytes', async () => {
  const image = await wx.client.create(request())
  const [call] = codeCalls()
  expect(call!.method).toBe('POST')
  expect(call!.query.access_token).toBe(wx.fake.currentToken)
  expect(call!.body).toEqual({ scene: 'h=ABCD2345', page: PAGE, check_path: true, env_version: 'release', width: 1280 })
  expect(image.contentType).toBe('image/png')
  expect(image.bytes.equals(wx.fake.wxacodes[0]!.png)).toBe(true)
  // A real PNG of the width asked for (IHDR width, bytes 16–19).
  expect(image.bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  expect(image.bytes.readUInt32BE(16)).toBe(1280)
})

test('a trial or develop build is asked for with check_path false (it is not the published version)', async () => {
  await wx.client.create(request({ envVersion: 'trial', width: 430 }))
  await wx.client.create(request({ envVersion: 'develop', page: 'packages/hospital/pages/new/index' }))
  expect(codeCalls().map((c) => [c.body!.env_version, c.body!.check_path, c.body!.width])).toEqual([['trial', false, 430], ['develop', false, 1280]])
  expect(wx.fake.wxacodes.map((w) => w.checkPath)).toEqual([false, false])
})

test('a page not in the released version: 41030 → WxacodeError page_not_published', async () => {
  const e = await failure(wx.client.create(request({ page: 'packages/hospital/pages/new/index' })))
  expect(e).toBeInstanceOf(WxacodeError)
  expect([(e as WxacodeError).problem, (e as WxacodeError).errcode]).toEqual(['page_not_published', 41030])
})

test.each([
  ['33 characters', 'h=ABCD2345'.padEnd(33, 'x')], ['a %', 'h%3DABCD2345'], ['a space', 'h= ABCD2345'], ['Chinese', 'h=医院'], ['nothing', ''],
])('a scene WeChat would refuse (%s) is refused here, without a call', async (_what, scene) => {
  const e = await failure(wx.client.create(request({ scene })))
  expect([(e as WxacodeError).problem, (e as WxacodeError).errcode]).toEqual(['scene_invalid', null])
  expect(codeCalls()).toEqual([])
})

test('32 characters of WeChat\'s whole set are accepted by the fake as by WeChat', async () => {
  const scene = "09AZaz!#$&'()*+,/:;=?@-._~h=ABCD"
  expect(scene).toHaveLength(32)
  await wx.client.create(request({ scene }))
  expect(wx.fake.wxacodes[0]!.scene).toBe(scene)
})

test('the fake itself refuses what WeChat refuses: 40169 length, 40129 characters, 41030 a page with / or ?, 40097 a bad build or width', async () => {
  // Straight at the fake, past the client's own checks: the fake must not be more lenient than WeChat.
  const tokenRes = await fetch(`${wx.fake.url}/cgi-bin/stable_token`, {
    method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: wx.fake.appId, secret: wx.fake.secret }),
  })
  const token = ((await tokenRes.json()) as { access_token: string }).access_token
  const ask = async (body: Record<string, unknown>) => {
    const res = await fetch(`${wx.fake.url}${PATH}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })
    return res.headers.get('content-type')?.startsWith('image/') ? 'image' : ((await res.json()) as { errcode: number }).errcode
  }
  expect(await ask({ scene: 'x'.repeat(33), page: PAGE })).toBe(40169)
  expect(await ask({ page: PAGE })).toBe(40169)
  expect(await ask({ scene: 'h=ABCD%2345', page: PAGE })).toBe(40129)
  expect(await ask({ scene: 'h=医院', page: PAGE })).toBe(40129)
  expect(await ask({ scene: 'h=ABCD2345', page: `/${PAGE}` })).toBe(41030)
  expect(await ask({ scene: 'h=ABCD2345', page: `${PAGE}?code=ABCD2345` })).toBe(41030)
  expect(await ask({ scene: 'h=ABCD2345', page: PAGE, env_version: 'beta' })).toBe(40097)
  expect(await ask({ scene: 'h=ABCD2345', page: PAGE, width: 279 })).toBe(40097)
  expect(await ask({ scene: 'h=ABCD2345', page: PAGE, width: 1281 })).toBe(40097)
  expect(await ask({ scene: 'h=ABCD2345', page: PAGE })).toBe('image')
  const noToken = await fetch(`${wx.fake.url}${PATH}`, { method: 'POST', body: JSON.stringify({ scene: 'h=ABCD2345', page: PAGE }) })
  expect(((await noToken.json()) as { errcode: number }).errcode).toBe(41001)
})

test.each([
  ['45009 (more than 5,000 a minute)', 45009, 'rate_limited'],
  ['-1 (busy)', -1, 'busy'],
  ['40129 (scene refused)', 40129, 'scene_invalid'],
  ['an errcode this client does not know', 40097, 'rejected'],
] as const)('%s → WxacodeError %s', async (_what, errcode, problem) => {
  wx.fake.queue.push({ path: PATH, answer: { errcode } })
  const e = await failure(wx.client.create(request()))
  expect(e).toBeInstanceOf(WxacodeError)
  expect([(e as WxacodeError).problem, (e as WxacodeError).errcode]).toEqual([problem, errcode])
})

test('JSON without an errcode and without an image is not taken for a code', async () => {
  wx.fake.queue.push({ path: PATH, answer: { status: 200, body: '{"errmsg":"ok"}' } })
  const e = await failure(wx.client.create(request()))
  expect([(e as WxacodeError).problem, (e as WxacodeError).errcode]).toEqual(['rejected', null])
})

test('a revoked access token is replaced and the call made once more', async () => {
  await wx.client.create(request())
  wx.fake.revokeTokens()
  await wx.client.create(request())
  expect(codeCalls().map((c) => (c.answer ? c.answer.errcode : 'image'))).toEqual(['image', 40001, 'image'])
  expect(wx.fake.wxacodes).toHaveLength(2)
})

test.each([
  ['HTTP 500', { status: 500, body: '' }, 'wechat getwxacodeunlimit http 500'],
  ['malformed JSON', { status: 200, body: '<html>' }, 'wechat getwxacodeunlimit answered malformed JSON'],
  ['no answer', { hang: true }, 'wechat getwxacodeunlimit timed out after 1500 ms'],
] as const)('%s → 502 platform_unavailable with a diagnostic for the log', async (_what, answer, cause) => {
  wx.fake.queue.push({ path: PATH, answer })
  const e = await failure(wx.client.create(request()))
  expect(e).toBeInstanceOf(AppError)
  expect([(e as AppError).status, (e as AppError).code, (e as AppError).message, (e as AppError).cause])
    .toEqual([502, 'platform_unavailable', WXACODE_UNAVAILABLE_MESSAGE, cause])
})

test('requests this client would never send are programming errors, not calls', async () => {
  await expect(wx.client.create(request({ page: `/${PAGE}` }))).rejects.toThrow(/leading slash/)
  await expect(wx.client.create(request({ page: `${PAGE}?x=1` }))).rejects.toThrow(/query/)
  await expect(wx.client.create(request({ width: 200 }))).rejects.toThrow(/width/)
  expect(codeCalls()).toEqual([])
})

test('images are told by their bytes: PNG and JPEG signatures; anything else is not an image', async () => {
  expect(imageTypeOf(await QRCode.toBuffer('x', { type: 'png' }))).toBe('image/png')
  expect(imageTypeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg')
  expect(imageTypeOf(Buffer.from('{"errcode":41030}'))).toBeUndefined()
  expect(imageTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined()
})
