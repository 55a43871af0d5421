// The typed auth calls hit the contract's paths and bodies.
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
    await auth.logout()
    await createAccountApi(http).getSummary()
    expect(calls).toEqual([
      ['POST', '/api/v1/auth/sms-codes', { phone: '13812345678', purpose: 'login' }],
      ['POST', '/api/v1/auth/login/sms', { phone: '13812345678', code: '123456' }],
      ['POST', '/api/v1/auth/login/platform', { platform: 'wechat', code: 'wx-demo-1' }],
      ['POST', '/api/v1/auth/logout', {}],
      ['GET', '/api/v1/account', undefined],
    ])
    // Code requests and logins carry no old token; logout must carry it.
    expect(anonymous).toEqual([true, true, true, false])
  })
})
