// The app's one door to the network: base URL, bearer token, timeout, retries, and the single ApiError shape.
import Taro from '@tarojs/taro'
import type { ErrorBody } from '../../types/api/common'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface TransportRequest {
  url: string
  method: HttpMethod
  header: Record<string, string>
  data?: unknown
  timeout: number
}

export interface TransportResponse {
  statusCode: number
  data: unknown
  header: Record<string, string | string[] | undefined>
}

/** Sends one request. Resolves with any HTTP status; rejects only when no answer arrived (`errMsg` says why). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>

/** Every failure a caller can see: `message` is Chinese and meant for the person. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly retryAfterSeconds: number | null

  constructor (status: number, code: string, message: string, retryAfterSeconds: number | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.retryAfterSeconds = retryAfterSeconds
  }
}

export interface HttpClientOptions {
  transport: Transport
  baseUrl: string
  getToken?: () => string | null | undefined
  /** Headers every request carries (which build, which entry scene: the server's access log records them). */
  clientHeaders?: () => Record<string, string>
  /** An authenticated request answered 401: the session is over. */
  onUnauthorized?: (error: ApiError) => void
  /** The server wants a fresh identity check before it shows this data. */
  onVerificationRequired?: (error: ApiError) => void
  /** The server processes this person's account data only with consents it does not hold (withdrawn, or a new text). */
  onConsentRequired?: (error: ApiError) => void
  timeoutMs?: number
  /** GET attempts in all, the first one included. */
  maxAttempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** A longer Retry-After is not waited out: the error goes to the person instead. */
  maxRetryAfterSeconds?: number
  sleep?: (ms: number) => Promise<void>
}

export interface RequestOptions {
  data?: unknown
  header?: Record<string, string>
  /** Send no bearer token (the login calls: a new session must not ride on the old one). */
  anonymous?: boolean
  /**
   * A write the server accepts an Idempotency-Key for (a dispute, a subscription, a share, a consent): one key for
   * this call, and the call is retried like a GET — a timed-out or lost answer too, since the server answers the
   * same key with its first answer and changes nothing twice.
   */
  idempotent?: boolean
}

/** The options of a write that carries an Idempotency-Key (the server's contract names which routes take one). */
export const KEYED: RequestOptions = Object.freeze({ idempotent: true })

export interface HttpClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>
  get<T>(path: string, options?: RequestOptions): Promise<T>
  post<T>(path: string, data?: unknown, options?: RequestOptions): Promise<T>
}

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'
const TIMEOUT_MESSAGE = '网络响应超时，请稍后重试'

// Used only when the answer carries no usable error body (a proxy's HTML page, an empty 502).
const STATUS_MESSAGES: Record<number, [string, string]> = {
  400: ['bad_request', '请求有误，请返回后重试'],
  401: ['unauthorized', '登录已失效，请重新登录'],
  403: ['forbidden', '暂无权限查看，请重新登录后再试'],
  404: ['not_found', '没有找到要访问的内容'],
  429: ['rate_limited', '操作太频繁，请稍后再试'],
  500: ['internal_error', '服务暂时出了问题，请稍后重试'],
  502: ['service_unavailable', '服务暂时不可用，请稍后重试'],
  503: ['service_unavailable', '服务暂时不可用，请稍后重试'],
  504: ['timeout', TIMEOUT_MESSAGE],
}

const RETRYABLE_STATUS = new Set([429, 502, 503])

/**
 * A fresh request id for one action: 32 hex digits from the clock and Math.random (the mini-program runtimes have
 * no crypto.randomUUID; the server keeps keys per person, so they need to be unique, not secret).
 */
export function newIdempotencyKey (now = Date.now()): string {
  let key = now.toString(16).padStart(12, '0').slice(-12)
  while (key.length < 32) key += Math.floor(Math.random() * 16).toString(16)
  return key
}

function headerValue (header: TransportResponse['header'], name: string): string | undefined {
  const key = Object.keys(header ?? {}).find((k) => k.toLowerCase() === name)
  if (!key) return undefined
  const value = header[key]
  return Array.isArray(value) ? value[0] : value
}

/** Retry-After in seconds, from either delta-seconds or an HTTP date. */
export function parseRetryAfter (value: string | undefined, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return null
  return Math.max(0, Math.ceil((at - now) / 1000))
}

function isErrorBody (data: unknown): data is ErrorBody {
  if (!data || typeof data !== 'object') return false
  const error = (data as { error?: unknown }).error
  return !!error && typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
}

function parseBody (data: unknown): unknown {
  if (typeof data !== 'string') return data
  if (data === '') return undefined
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function toApiError (response: TransportResponse): ApiError {
  const body = parseBody(response.data)
  const retryAfter = parseRetryAfter(headerValue(response.header, 'retry-after'))
  if (isErrorBody(body)) return new ApiError(response.statusCode, body.error.code, body.error.message, retryAfter)
  const [code, message] = STATUS_MESSAGES[response.statusCode] ??
    (response.statusCode >= 500 ? STATUS_MESSAGES[500] : STATUS_MESSAGES[400])
  return new ApiError(response.statusCode, code, message, retryAfter)
}

function transportFailure (reason: unknown): ApiError {
  const errMsg = reason && typeof reason === 'object' && 'errMsg' in reason ? String((reason as { errMsg: unknown }).errMsg) : String(reason)
  if (/timeout|timed out|超时/i.test(errMsg)) return new ApiError(0, 'timeout', TIMEOUT_MESSAGE)
  return new ApiError(0, 'network_error', NETWORK_MESSAGE)
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createHttpClient (options: HttpClientOptions): HttpClient {
  const {
    transport, baseUrl, getToken, clientHeaders, onUnauthorized, onVerificationRequired, onConsentRequired,
    timeoutMs = 10_000, maxAttempts = 3, baseDelayMs = 500, maxDelayMs = 4_000, maxRetryAfterSeconds = 10,
    sleep = defaultSleep,
  } = options

  // Our own timer as well as the transport's: a transport that never answers must not hang a screen.
  function send (request: TransportRequest): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ApiError(0, 'timeout', TIMEOUT_MESSAGE)), timeoutMs)
      transport(request).then(
        (response) => { clearTimeout(timer); resolve(response) },
        (reason) => { clearTimeout(timer); reject(reason instanceof ApiError ? reason : transportFailure(reason)) },
      )
    })
  }

  /**
   * How long to wait before the next attempt of a GET or a keyed write, or null when this failure is not worth
   * retrying. A GET's timeout is not retried (the person has already waited the full timeout once); a keyed
   * write's is, once: its answer may have been lost on the way back, and only the retry can tell the person.
   */
  function retryDelay (error: ApiError, attempt: number, keyed: boolean, timeouts: number): number | null {
    if (attempt >= maxAttempts) return null
    const retryable = error.code === 'network_error' || RETRYABLE_STATUS.has(error.status) ||
      (keyed && ((error.code === 'timeout' && timeouts === 1) || error.code === 'idempotency_in_progress'))
    if (!retryable) return null
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
    if (error.retryAfterSeconds == null) return backoff
    if (error.retryAfterSeconds > maxRetryAfterSeconds) return null
    return Math.max(backoff, error.retryAfterSeconds * 1000)
  }

  async function request<T> (method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    const token = opts.anonymous ? null : getToken?.() || null
    const header: Record<string, string> = { Accept: 'application/json', ...clientHeaders?.(), ...opts.header }
    if (opts.data !== undefined) header['Content-Type'] = 'application/json'
    if (token) header.Authorization = `Bearer ${token}`
    if (opts.idempotent) header['Idempotency-Key'] = newIdempotencyKey()
    const req: TransportRequest = { url: `${baseUrl}${path}`, method, header, timeout: timeoutMs }
    if (opts.data !== undefined) req.data = opts.data

    let timeouts = 0
    for (let attempt = 1; ; attempt++) {
      let error: ApiError
      try {
        const response = await send(req)
        if (response.statusCode >= 200 && response.statusCode < 300) {
          return (response.statusCode === 204 ? undefined : parseBody(response.data)) as T
        }
        error = toApiError(response)
      } catch (reason) {
        error = reason instanceof ApiError ? reason : transportFailure(reason)
      }

      if (error.code === 'timeout') timeouts++
      const delay = method === 'GET' || opts.idempotent ? retryDelay(error, attempt, !!opts.idempotent, timeouts) : null
      if (delay == null) {
        // Only the session's own refusal ends it, and only if it is still the current one: a failed login
        // (401 invalid_login_code) or a late answer to an older token must not sign out a valid session.
        const sessionRefused = error.code === 'unauthorized' || error.code === 'session_expired'
        if (error.status === 401 && token && sessionRefused && token === getToken?.()) onUnauthorized?.(error)
        if (error.status === 403 && error.code === 'verification_required') onVerificationRequired?.(error)
        // Only about the current session: a late answer to an older token says nothing about this one's consents.
        if (error.status === 403 && error.code === 'consent_required' && token && token === getToken?.()) onConsentRequired?.(error)
        throw error
      }
      await sleep(delay)
    }
  }

  return {
    request,
    get: (path, opts) => request('GET', path, opts),
    post: (path, data, opts) => request('POST', path, { ...opts, data }),
  }
}

/** The real transport: Taro.request, which is wx.request / my.request / fetch depending on the build. */
export const taroTransport: Transport = async (req) => {
  try {
    const response = await Taro.request({
      url: req.url,
      method: req.method,
      header: req.header,
      data: req.data as TaroGeneral.IAnyObject | undefined,
      timeout: req.timeout,
      dataType: 'json',
    })
    return { statusCode: response.statusCode, data: response.data, header: response.header ?? {} }
  } catch (reason) {
    // Alipay's my.request reports a non-2xx answer as a failure (error 19) that still carries the answer:
    // hand it on as a response so that 401, 403 and 429 keep their meaning there too.
    const failed = (reason ?? {}) as { statusCode?: unknown, status?: unknown, data?: unknown, header?: unknown, headers?: unknown }
    const status = typeof failed.statusCode === 'number' ? failed.statusCode : failed.status
    if (typeof status === 'number' && status >= 100) {
      const header = (failed.header ?? failed.headers ?? {}) as TransportResponse['header']
      return { statusCode: status, data: failed.data, header }
    }
    throw reason
  }
}
