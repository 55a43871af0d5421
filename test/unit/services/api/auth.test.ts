// The typed auth calls hit the contract's paths and bodies, anonymous except logout.
import { createAuthApi } from '../../../../src/services/api/auth'
import { createAccountApi } from '../../../../src/services/api/account'
import type { HttpClient } from '../../../../src/services/http'

function recordingHttp () {
  const calls: Array<[string, string, unknown]> = []
  const anonymous: boolean[] = []
  const http: HttpClient = {
    request: async (method, path, options) => { calls.push([method, path, options?.data]); return undefined as never },
    get: async (path) => { calls.push(['GET', path, undefined]); return undefined as never },
    post: async (path, data, options) => { calls.push(['POST', path, data]); anonymous.push(options?.anonymous === true); return undefined as never },
  }
  return { http, calls, anonymous }
}

describe('auth and account api', () => {
  it('uses the contract paths', async () => {
    const { http, calls, anonymous } = recordingHttp()
    const auth = createAuthApi(http)
    await auth.requestSmsCode('13812345678')
    await auth.loginWithSms('13812345678', '123456')
    await auth.loginWithPlatform('wechat', 'wx-demo-1')
    await auth.loginWithPassword({ idNumber: '110105198803140015' }, '135246')
    await auth.loginWithPassword({ cardNumber: 'DM31010001' }, '135246')
    await auth.requestPasswordResetCode('110105198803140015')
    await auth.resetPassword('110105198803140015', '654321', '802413')
    await auth.logout()
    await createAccountApi(http).getSummary()
    expect(calls).toEqual([
      ['POST', '/api/v1/auth/sms-codes', { phone: '13812345678', purpose: 'login' }],
      ['POST', '/api/v1/auth/login/sms', { phone: '13812345678', code: '123456' }],
      ['POST', '/api/v1/auth/login/platform', { platform: 'wechat', code: 'wx-demo-1' }],
      // Exactly one identifier in the body: the server refuses both at once.
      ['POST', '/api/v1/auth/login/password', { idNumber: '110105198803140015', password: '135246' }],
      ['POST', '/api/v1/auth/login/password', { cardNumber: 'DM31010001', password: '135246' }],
      ['POST', '/api/v1/auth/password-reset/sms-codes', { idNumber: '110105198803140015' }],
      ['POST', '/api/v1/auth/password-reset', { idNumber: '110105198803140015', code: '654321', newPassword: '802413' }],
      ['POST', '/api/v1/auth/logout', {}],
      ['GET', '/api/v1/account', undefined],
    ])
    // Code requests, logins and the reset carry no old token; logout must carry it.
    expect(anonymous).toEqual([true, true, true, true, true, true, true, false])
  })
})
