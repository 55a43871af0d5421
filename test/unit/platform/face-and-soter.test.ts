// The platform variants for face check and biometric unlock, against stand-ins of the wx / my globals: what they
// pass to the platform, and how each way the platform's screen can end is reported (never as a verdict).
import { face as wechatFace } from '../../../src/platform/face.weapp'
import { face as alipayFace } from '../../../src/platform/face.alipay'
import { face as h5Face } from '../../../src/platform/face.h5'
import { biometric as wechatBiometric } from '../../../src/platform/soter.weapp'

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void }
const g = globalThis as unknown as { wx?: Record<string, unknown>; my?: Record<string, unknown> }
afterEach(() => { delete g.wx; delete g.my })

const wechatStart = { checkId: 1, platform: 'wechat' as const, verifyId: 'vid-1' }
const alipayStart = { checkId: 2, platform: 'alipay' as const, certifyId: 'cid-2', url: 'https://example.invalid/certify' }

describe('face check, WeChat (face 2.0)', () => {
  it('opens wx.requestFacialVerify with the server\'s verify_id; success only means the screen ended', async () => {
    const request = jest.fn((o: Callbacks & { verifyId: string }) => o.success?.({ errMsg: 'requestFacialVerify:ok' }))
    g.wx = { requestFacialVerify: request }
    await expect(wechatFace.run(wechatStart)).resolves.toBe('done')
    expect(request.mock.calls[0]![0].verifyId).toBe('vid-1')
  })

  it('tells a cancel from other failures, and an old WeChat from both', async () => {
    g.wx = { requestFacialVerify: (o: Callbacks) => o.fail?.({ errCode: 90100, errMsg: 'requestFacialVerify:fail cancel' }) }
    await expect(wechatFace.run(wechatStart)).resolves.toBe('cancelled')
    g.wx = { requestFacialVerify: (o: Callbacks) => o.fail?.({ errCode: 90002, errMsg: 'requestFacialVerify:fail camera' }) }
    await expect(wechatFace.run(wechatStart)).resolves.toBe('failed')
    g.wx = {}
    await expect(wechatFace.run(wechatStart)).resolves.toBe('unsupported')
    await expect(wechatFace.run(alipayStart)).resolves.toBe('unsupported')
  })
})

describe('face check, Alipay (certify)', () => {
  it('opens my.startAPVerify with the certify id and url; resultStatus is a hint', async () => {
    const start = jest.fn((o: Callbacks) => o.success?.({ resultStatus: '9000' }))
    g.my = { startAPVerify: start }
    await expect(alipayFace.run(alipayStart)).resolves.toBe('done')
    expect(start.mock.calls[0]![0]).toMatchObject({ certifyId: 'cid-2', url: 'https://example.invalid/certify' })
    g.my = { startAPVerify: (o: Callbacks) => o.success?.({ resultStatus: '6001' }) }
    await expect(alipayFace.run(alipayStart)).resolves.toBe('cancelled')
    g.my = { startAPVerify: (o: Callbacks) => o.success?.({ resultStatus: '4000' }) }
    await expect(alipayFace.run(alipayStart)).resolves.toBe('failed')
    g.my = { startAPVerify: (o: Callbacks) => o.fail?.({ error: 6002 }) }
    await expect(alipayFace.run(alipayStart)).resolves.toBe('failed')
  })
})

it('H5 offers no face check and calls nothing', async () => {
  expect(h5Face.platform).toBeNull()
  await expect(h5Face.run(wechatStart)).resolves.toBe('unsupported')
})

describe('biometric unlock, WeChat (SOTER)', () => {
  it('asks the phone which mode it has, fingerprint first', async () => {
    g.wx = { checkIsSupportSoterAuthentication: (o: Callbacks) => o.success?.({ supportMode: ['facial', 'fingerPrint'] }) }
    await expect(wechatBiometric.mode()).resolves.toBe('fingerPrint')
    g.wx = { checkIsSupportSoterAuthentication: (o: Callbacks) => o.success?.({ supportMode: ['facial'] }) }
    await expect(wechatBiometric.mode()).resolves.toBe('facial')
    g.wx = { checkIsSupportSoterAuthentication: (o: Callbacks) => o.success?.({ supportMode: [] }) }
    await expect(wechatBiometric.mode()).resolves.toBeNull()
    g.wx = {}
    await expect(wechatBiometric.mode()).resolves.toBeNull()
  })

  it('hands back the signed result unchanged; a cancel and a failure say so', async () => {
    const start = jest.fn((o: Callbacks) => o.success?.({ resultJSON: '{"raw":"c1"}', resultJSONSignature: 'sig' }))
    g.wx = { startSoterAuthentication: start }
    await expect(wechatBiometric.authenticate({ challenge: 'c1', authContent: '请验证', mode: 'facial' }))
      .resolves.toEqual({ resultJSON: '{"raw":"c1"}', resultJSONSignature: 'sig' })
    expect(start.mock.calls[0]![0]).toMatchObject({ requestAuthModes: ['facial'], challenge: 'c1', authContent: '请验证' })
    g.wx = { startSoterAuthentication: (o: Callbacks) => o.fail?.({ errCode: 90008, errMsg: 'startSoterAuthentication:fail cancel' }) }
    await expect(wechatBiometric.authenticate({ challenge: 'c1', authContent: '', mode: 'fingerPrint' })).resolves.toBe('cancelled')
    g.wx = { startSoterAuthentication: (o: Callbacks) => o.fail?.({ errCode: 90009, errMsg: 'startSoterAuthentication:fail' }) }
    await expect(wechatBiometric.authenticate({ challenge: 'c1', authContent: '', mode: 'fingerPrint' })).resolves.toBe('failed')
  })
})
