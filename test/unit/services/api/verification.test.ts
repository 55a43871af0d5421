// The typed verification calls hit the contract's paths and bodies, all with the session's token.
import { createVerificationApi } from '../../../../src/services/api/verification'
import type { HttpClient } from '../../../../src/services/http'

describe('verification api', () => {
  it('uses the contract paths and sends the bearer token', async () => {
    const calls: Array<[string, string, unknown, boolean]> = []
    const http: HttpClient = {
      request: async () => undefined as never,
      get: async (path, options) => { calls.push(['GET', path, undefined, options?.anonymous === true]); return undefined as never },
      post: async (path, data, options) => { calls.push(['POST', path, data, options?.anonymous === true]); return undefined as never },
    }
    const api = createVerificationApi(http)
    await api.getMethods()
    await api.requestSmsCode()
    await api.verifySms('654321')
    await api.verifyPassword('135246')
    expect(calls).toEqual([
      ['GET', '/api/v1/verifications/methods', undefined, false],
      ['POST', '/api/v1/verifications/sms-codes', {}, false],
      ['POST', '/api/v1/verifications/sms', { code: '654321' }, false],
      ['POST', '/api/v1/verifications/password', { password: '135246' }, false],
    ])
  })
})
