// services/http against a fake transport: headers, base URL, error mapping, hooks, retries.
import Taro from '@tarojs/taro'
import { ApiError, createHttpClient, KEYED, parseRetryAfter, taroTransport, type Transport, type TransportRequest, type TransportResponse } from '../../../src/services/http'
import { IDEMPOTENCY_KEY_PATTERN } from '../../../types/api/idempotency'

type Step = TransportResponse | { fail: string } | 'hang'

function fakeTransport (...steps: Step[]) {
  const calls: TransportRequest[] = []
  const transport: Transport = (request) => {
    calls.push(request)
    const step = steps.length > 1 ? steps.shift()! : steps[0]
    if (step === 'hang') return new Promise(() => undefined)
    if ('fail' in step) return Promise.reject({ errMsg: step.fail })
    return Promise.resolve(step)
  }
  return { transport, calls }
}

const ok = (data: unknown, statusCode = 200): TransportResponse => ({ statusCode, data, header: {} })
const fail = (statusCode: number, code: string, message: string, header: Record<string, string> = {}): TransportResponse =>
  ({ statusCode, data: { error: { code, message } }, header })

function client (transport: Transport, extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
  const sleeps: number[] = []
  const http = createHttpClient({
    transport,
    baseUrl: 'http://api.test',
    sleep: async (ms) => { sleeps.push(ms) },
    ...extra,
  })
  return { http, sleeps }
}

async function caught (promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError)
    return error as ApiError
  }
  throw new Error('expected the call to fail')
}

describe('http client', () => {
  it('prefixes the base URL and sends the bearer token and JSON headers', async () => {
    const { transport, calls } = fakeTransport(ok({ balanceFen: 1 }))
    const { http } = client(transport, { getToken: () => 'tok-1' })
    await expect(http.get('/api/v1/account')).resolves.toEqual({ balanceFen: 1 })
    expect(calls[0].url).toBe('http://api.test/api/v1/account')
    expect(calls[0].method).toBe('GET')
    expect(calls[0].header.Authorization).toBe('Bearer tok-1')
    expect(calls[0].header['Content-Type']).toBeUndefined()
  })

  it('sends the client headers (build and entry scene) with every request, read at request time', async () => {
    const { transport, calls } = fakeTransport(ok({}))
    let scene = '1011'
    const { http } = client(transport, { clientHeaders: () => ({ 'X-Client-Channel': 'weapp', 'X-Entry-Scene': scene }) })
    await http.get('/api/v1/account')
    scene = '1047'
    await http.post('/api/v1/auth/logout', {})
    expect(calls.map((c) => [c.header['X-Client-Channel'], c.header['X-Entry-Scene']])).toEqual([['weapp', '1011'], ['weapp', '1047']])
  })

  it('sends no Authorization header without a token, and JSON for a body', async () => {
    const { transport, calls } = fakeTransport(ok({ message: 'ok' }))
    const { http } = client(transport, { getToken: () => null })
    await http.post('/api/v1/auth/sms-codes', { phone: '13812345678', purpose: 'login' })
    expect(calls[0].header.Authorization).toBeUndefined()
    expect(calls[0].header['Content-Type']).toBe('application/json')
    expect(calls[0].data).toEqual({ phone: '13812345678', purpose: 'login' })
  })

  it('works with a same-origin (empty) base URL, as on H5', async () => {
    const { transport, calls } = fakeTransport(ok({}))
    const { http } = client(transport, { baseUrl: '' })
    await http.get('/api/v1/account')
    expect(calls[0].url).toBe('/api/v1/account')
  })

  it('answers undefined for 204 and parses a JSON string body', async () => {
    const { transport } = fakeTransport(ok('', 204), ok('{"a":1}'))
    const { http } = client(transport)
    await expect(http.post('/api/v1/auth/logout', {})).resolves.toBeUndefined()
    await expect(http.get('/x')).resolves.toEqual({ a: 1 })
  })

  it('turns the server error body into ApiError with its Chinese message', async () => {
    const { transport } = fakeTransport(fail(400, 'sms_code_invalid', '验证码不正确，请重新输入'))
    const { http } = client(transport)
    const error = await caught(http.post('/api/v1/auth/login/sms', { phone: '13812345678', code: '000000' }))
    expect(error).toMatchObject({ status: 400, code: 'sms_code_invalid', message: '验证码不正确，请重新输入' })
  })

  it('gives a Chinese message when the body is not the error shape', async () => {
    const { transport } = fakeTransport({ statusCode: 500, data: '<html>oops</html>', header: {} })
    const { http } = client(transport)
    const error = await caught(http.post('/x', {}))
    expect(error.code).toBe('internal_error')
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(error.message).not.toContain('oops')
  })

  it('maps a failed connection to network_error and a timeout to timeout', async () => {
    const network = await caught(client(fakeTransport({ fail: 'request:fail connect ECONNREFUSED' }).transport).http.post('/x', {}))
    expect(network).toMatchObject({ status: 0, code: 'network_error', message: '网络连接失败，请检查网络后重试' })
    const timeout = await caught(client(fakeTransport({ fail: 'request:fail timeout' }).transport).http.post('/x', {}))
    expect(timeout).toMatchObject({ code: 'timeout', message: '网络响应超时，请稍后重试' })
  })

  it('times out by itself when the transport never answers', async () => {
    const { transport } = fakeTransport('hang')
    const { http } = client(transport, { timeoutMs: 20 })
    const error = await caught(http.get('/slow'))
    expect(error.code).toBe('timeout')
  })

  it('ends the session on 401 for an authenticated request, and only then', async () => {
    const onUnauthorized = jest.fn()
    const { transport } = fakeTransport(fail(401, 'session_expired', '登录已过期，请重新登录'))
    await caught(client(transport, { getToken: () => 'tok', onUnauthorized }).http.get('/api/v1/account'))
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onUnauthorized.mock.calls[0][0]).toMatchObject({ code: 'session_expired' })

    const anonymous = jest.fn()
    await caught(client(transport, { getToken: () => null, onUnauthorized: anonymous }).http.post('/api/v1/auth/login/sms', {}))
    expect(anonymous).not.toHaveBeenCalled()
  })

  it('a 401 that is not the session refusing (a bad login code) leaves the session alone', async () => {
    const onUnauthorized = jest.fn()
    const { transport } = fakeTransport(fail(401, 'invalid_login_code', '登录凭证无效或已过期，请重新登录'))
    await caught(client(transport, { getToken: () => 'tok', onUnauthorized }).http.get('/api/v1/account'))
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('a late 401 for an older token does not end the newer session', async () => {
    const onUnauthorized = jest.fn()
    let current = 'old-token'
    let answer!: (r: TransportResponse) => void
    const transport: Transport = () => new Promise<TransportResponse>((resolve) => { answer = resolve })
    const pending = caught(client(transport, { getToken: () => current, onUnauthorized }).http.get('/api/v1/account'))
    current = 'new-token' // the person logged in again while the old request was on its way
    answer({ statusCode: 401, data: { error: { code: 'session_expired', message: '登录已过期，请重新登录' } }, header: {} })
    expect((await pending).code).toBe('session_expired')
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('anonymous requests carry no bearer token', async () => {
    const { transport, calls } = fakeTransport(ok({ token: 't' }))
    await client(transport, { getToken: () => 'old' }).http.post('/api/v1/auth/login/sms', { phone: '1' }, { anonymous: true })
    expect(calls[0]!.header.Authorization).toBeUndefined()
    expect(calls[0]!.header['Content-Type']).toBe('application/json')
  })

  it('calls the verification hook on 403 verification_required, not on binding_required', async () => {
    const onVerificationRequired = jest.fn()
    const { transport } = fakeTransport(
      fail(403, 'verification_required', '请先完成身份验证'),
      fail(403, 'binding_required', '请先绑定参保人'),
    )
    const { http } = client(transport, { getToken: () => 'tok', onVerificationRequired })
    await caught(http.get('/api/v1/account'))
    await caught(http.get('/api/v1/account'))
    expect(onVerificationRequired).toHaveBeenCalledTimes(1)
  })

  it('calls the consent hook on 403 consent_required of the current session (the POSTs of writes too), never on another 403', async () => {
    const onConsentRequired = jest.fn()
    const onVerificationRequired = jest.fn()
    let token = 'tok'
    const refusal = fail(403, 'consent_required', '需要您同意《敏感个人信息处理授权书》后才能查看医保账户信息，请在弹出的说明中阅读并同意')
    const { transport, calls } = fakeTransport(refusal, refusal, fail(403, 'verification_required', '请先完成身份验证'), refusal, refusal)
    const { http } = client(transport, { getToken: () => token, onConsentRequired, onVerificationRequired })
    const error = await caught(http.get('/api/v1/account'))
    expect([error.status, error.code]).toEqual([403, 'consent_required'])
    await caught(http.post('/api/v1/spending/7/disputes', {}))
    expect(onConsentRequired).toHaveBeenCalledTimes(2)
    expect(onConsentRequired).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'consent_required' }))
    await caught(http.get('/api/v1/account'))
    expect(onConsentRequired).toHaveBeenCalledTimes(2)
    expect(onVerificationRequired).toHaveBeenCalledTimes(1)
    // A refusal is not retried, and a late one for a token that is no longer the session's tells nothing about it.
    expect(calls).toHaveLength(3)
    const late = http.get('/api/v1/claims')
    token = 'next'
    await caught(late)
    expect(onConsentRequired).toHaveBeenCalledTimes(2)
    // No session, no hook.
    token = ''
    await caught(http.get('/api/v1/account'))
    expect(onConsentRequired).toHaveBeenCalledTimes(2)
  })

  it('retries a GET on network errors, 502 and 503 with growing delays', async () => {
    const { transport, calls } = fakeTransport({ fail: 'request:fail' }, fail(503, 'service_unavailable', '服务暂时不可用'), ok({ done: true }))
    const { http, sleeps } = client(transport, { baseDelayMs: 100 })
    await expect(http.get('/api/v1/account')).resolves.toEqual({ done: true })
    expect(calls).toHaveLength(3)
    expect(sleeps).toEqual([100, 200])
  })

  it('gives up after maxAttempts and throws the last error', async () => {
    const { transport, calls } = fakeTransport(fail(502, 'service_unavailable', '服务暂时不可用，请稍后重试'))
    const { http, sleeps } = client(transport, { maxAttempts: 3, baseDelayMs: 100 })
    const error = await caught(http.get('/x'))
    expect(error.status).toBe(502)
    expect(calls).toHaveLength(3)
    expect(sleeps).toHaveLength(2)
  })

  it('waits out Retry-After on 429 before retrying a GET', async () => {
    const { transport, calls } = fakeTransport(fail(429, 'rate_limited', '操作太频繁', { 'retry-after': '3' }), ok({ done: true }))
    const { http, sleeps } = client(transport, { baseDelayMs: 100 })
    await http.get('/x')
    expect(calls).toHaveLength(2)
    expect(sleeps).toEqual([3000])
  })

  it('does not wait out an over-long Retry-After: the person gets the message', async () => {
    const { transport, calls } = fakeTransport(fail(429, 'rate_limited', '操作太频繁，请 2 分钟后再试', { 'Retry-After': '120' }))
    const { http, sleeps } = client(transport, { maxRetryAfterSeconds: 10 })
    const error = await caught(http.get('/x'))
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 120 })
    expect(calls).toHaveLength(1)
    expect(sleeps).toEqual([])
  })

  it('never retries a POST without a key', async () => {
    const { transport, calls } = fakeTransport({ fail: 'request:fail' }, ok({}))
    const { http, sleeps } = client(transport)
    await caught(http.post('/api/v1/auth/sms-codes', { phone: '13812345678', purpose: 'login' }))
    expect(calls).toHaveLength(1)
    expect(sleeps).toEqual([])
  })

  it('retries a keyed write with the same Idempotency-Key: a lost answer, a timeout once, a first attempt still running', async () => {
    const { transport, calls } = fakeTransport(
      { fail: 'request:fail' }, { fail: 'request:fail timeout' }, fail(409, 'idempotency_in_progress', '上一次提交还在处理中', { 'retry-after': '2' }),
      ok({ id: 7 }, 201))
    const { http, sleeps } = client(transport, { maxAttempts: 4, baseDelayMs: 100 })
    await expect(http.post('/api/v1/spending/1/disputes', {}, KEYED)).resolves.toEqual({ id: 7 })
    const keys = calls.map((c) => c.header['Idempotency-Key'])
    expect(keys).toHaveLength(4)
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toMatch(new RegExp(IDEMPOTENCY_KEY_PATTERN))
    expect(sleeps).toEqual([100, 200, 2000])
    // The next action is another key; a second timeout is the person's to see; a refusal is not retried.
    const second = fakeTransport({ fail: 'request:fail timeout' })
    const again = client(second.transport, { maxAttempts: 4 })
    expect((await caught(again.http.post('/x', {}, KEYED))).code).toBe('timeout')
    expect(second.calls).toHaveLength(2)
    expect(second.calls[0].header['Idempotency-Key']).not.toBe(keys[0])
    const refused = fakeTransport(fail(409, 'dispute_exists', '已经标记'))
    await caught(client(refused.transport).http.post('/x', {}, KEYED))
    expect(refused.calls).toHaveLength(1)
  })

  it('does not retry a GET that failed for good (404) or timed out', async () => {
    const { transport, calls } = fakeTransport(fail(404, 'not_found', '没有找到'), { fail: 'request:fail timeout' })
    const { http } = client(transport)
    await caught(http.get('/a'))
    await caught(http.get('/b'))
    expect(calls).toHaveLength(2)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7)
    const now = Date.parse('2026-11-24T00:00:00Z')
    expect(parseRetryAfter('Tue, 24 Nov 2026 00:00:30 GMT', now)).toBe(30)
    expect(parseRetryAfter(undefined)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
  })
})

describe('taroTransport', () => {
  const request = Taro.request as unknown as jest.Mock
  const req: TransportRequest = { url: 'http://api.test/x', method: 'GET', header: { Accept: 'application/json' }, timeout: 1000 }

  afterEach(() => request.mockReset())

  it('passes the request to Taro.request and returns status, data and headers', async () => {
    request.mockResolvedValueOnce({ statusCode: 200, data: { a: 1 }, header: { 'Retry-After': '1' } })
    await expect(taroTransport(req)).resolves.toEqual({ statusCode: 200, data: { a: 1 }, header: { 'Retry-After': '1' } })
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ url: 'http://api.test/x', method: 'GET', timeout: 1000, dataType: 'json' }))
  })

  it('keeps an HTTP answer that the platform reported as a failure (Alipay)', async () => {
    request.mockRejectedValueOnce({ error: 19, errorMessage: 'http status error', status: 401, data: { error: { code: 'unauthorized', message: '请重新登录' } }, headers: {} })
    await expect(taroTransport(req)).resolves.toMatchObject({ statusCode: 401 })
  })

  it('rejects when no answer arrived', async () => {
    request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' })
    await expect(taroTransport(req)).rejects.toEqual({ errMsg: 'request:fail timeout' })
  })
})
