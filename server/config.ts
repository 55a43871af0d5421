// Server configuration read once from the environment: dev stand-ins only with DEV_MODE=1, real settings otherwise.
import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import { resolve } from 'node:path'

export interface WechatConfig { appId: string; secret: string; apiBase: string }
export interface AlipayConfig { appId: string; privateKey: string; alipayPublicKey: string; gateway: string }
export interface SmsGatewayConfig { url: string; token: string }
/**
 * The WeChat subscribe-message template for claim stage changes: its id, and which of its keywords carry the claim's
 * title, the new stage, the time and the note (in that order in WECHAT_CLAIM_TEMPLATE_KEYS).
 */
export interface ClaimNoticeConfig {
  templateId: string
  keys: { title: string; stage: string; time: string; note: string }
  miniprogramState?: 'developer' | 'trial' | 'formal'
}

export interface ServerConfig {
  /** NODE_ENV=production: stricter still (PUBLIC_BASE_URL https); never together with devMode. */
  production: boolean
  /**
   * DEV_MODE=1, set on purpose (npm start, the test helpers): the dev stand-ins (login codes, SMS, subscribe
   * messages), demo data, DEV_DATA_KEY, the dev claim template and the published dev operator token. Without it the
   * server needs every real setting, whatever NODE_ENV says (an unknown one such as `prod` is refused, never read as dev).
   */
  devMode: boolean
  host: string
  port: number
  /**
   * The admin listener (server/admin.ts: operator routes, dev outboxes): loopback only, never behind a proxy.
   * ADMIN_PORT 0 picks a free port; main.ts prints `admin listening on <url>`.
   */
  adminHost: string
  adminPort: number
  /**
   * Where main.ts writes `{pid, url, token?}` (mode 0600) for the local scripts, removed on close: ADMIN_FILE, else
   * <DATA_DIR>/admin.json; none with DATA_DIR=memory:// unless ADMIN_FILE is set. The token is in it only when it
   * was not given in OPERATOR_TOKEN (then the operator already has it).
   */
  adminFile?: string
  /**
   * Whole request (headers and body) must arrive within this (Fastify requestTimeout, Node headersTimeout), and a
   * connection idle this long is closed: a body trickled a byte at a time cannot hold a socket.
   */
  requestTimeoutMs: number
  /** Idle keep-alive connections are closed after this; above a proxy's upstream idle time (nginx: 60 s). */
  keepAliveTimeoutMs: number
  /** On SIGTERM/SIGINT: in-flight requests get this long, then remaining connections are closed and the process exits. */
  shutdownTimeoutMs: number
  dataDir: string
  databaseUrl?: string
  demoAsOf?: string
  dataKey: string
  staticRoot?: string
  logLevel: string
  /**
   * Fastify trustProxy: behind a proxy, client addresses (rate limits) come from X-Forwarded-For as added by the
   * proxies named here (addresses/subnets, comma-separated): the right-most address that is not one of them.
   * Never `true` (that takes the left-most, which the client writes).
   */
  trustProxy: false | string
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  /** Step-up verification window; VERIFY_WINDOW_MINUTES (default 15), or VERIFY_WINDOW_SECONDS for tests. */
  verifyWindowSeconds: number
  smsCodeTtlSeconds: number
  smsResendSeconds: number
  smsMaxAttempts: number
  /**
   * Per client address: login attempts per minute, SMS code requests per hour. Loose on purpose: a hospital Wi-Fi or
   * a carrier NAT puts many people behind one address; the per-phone and per-person limits do the real work.
   */
  loginRatePerMinute: number
  smsRatePerHour: number
  /** Per client address: family views (GET /api/v1/share-view) per minute; tighter than the global limit. */
  shareViewRatePerMinute: number
  /**
   * Views of one share grant counted per minute, from all clients together: far more than a family opens one link,
   * and a bound on the rows a leaked token can add to the owner's access log.
   */
  shareGrantViewsPerMinute: number
  /** Per client address: public hospital entry lookups (GET /api/v1/institutions/entries/{code}) per minute. */
  entryRatePerMinute: number
  /** 谁查看了我的数据 keeps its rows this many days (ACCESS_LOG_RETENTION_DAYS, 3 years; housekeeping deletes older ones). */
  accessLogRetentionDays: number
  wechat?: WechatConfig
  alipay?: AlipayConfig
  smsGateway?: SmsGatewayConfig
  /** Claim stage-change notices; absent outside dev mode without WECHAT_CLAIM_TEMPLATE_ID (then nobody can subscribe). */
  claimNotice?: ClaimNoticeConfig
  /**
   * The token of the admin listener's routes (operator, dev outboxes): OPERATOR_TOKEN (≥ 32 characters outside dev
   * mode), else the published DEV_OPERATOR_TOKEN in dev mode, else a random one made for this run.
   */
  operatorToken: string
  /** Where operatorToken came from: only a token the operator did not set is written to adminFile. */
  operatorTokenSource: 'env' | 'dev' | 'random'
  /**
   * Load shedding: answer 503 while the event loop lags more than this (ms); 0 turns it off. The in-process test
   * app turns it off: under-pressure counts a sample interval with no sample (a busy test machine) as infinite lag.
   */
  maxEventLoopDelayMs: number
  /**
   * PUBLIC_BASE_URL: the HTTPS origin people reach this service at (https://yibao.example.cn). Printed hospital codes
   * (`<origin>/h/<entry code>`) and shared H5 links are made from it; without it the server makes no absolute links
   * (the H5 client uses its own address). Production requires https.
   */
  publicBaseUrl?: string
}

export class ConfigError extends Error {}

/** An origin only (scheme, host, port), no trailing slash; https in production. */
function publicBaseUrl (value: string | undefined, production: boolean): string | undefined {
  if (!value) return undefined
  let url: URL
  try { url = new URL(value) } catch { throw new ConfigError(`PUBLIC_BASE_URL is not a URL: ${value}`) }
  if (url.protocol !== 'https:' && (production || url.protocol !== 'http:')) throw new ConfigError('PUBLIC_BASE_URL must be https')
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new ConfigError('PUBLIC_BASE_URL must be an origin only, like https://yibao.example.cn')
  }
  return url.origin
}

/** The key used in dev mode when DATA_KEY is unset: fine for demo data, never used without DEV_MODE=1. */
export const DEV_DATA_KEY = 'dev-only-data-key-not-for-production'
/** In dev mode, without WECHAT_CLAIM_TEMPLATE_ID / OPERATOR_TOKEN: what the dev stand-ins and scripts use. */
export const DEV_CLAIM_TEMPLATE_ID = 'dev-claim-progress-template'
export const DEV_OPERATOR_TOKEN = 'dev-operator-token-not-for-production'

function claimNotice (env: NodeJS.ProcessEnv, devMode: boolean): ClaimNoticeConfig | undefined {
  const templateId = env.WECHAT_CLAIM_TEMPLATE_ID || (devMode ? DEV_CLAIM_TEMPLATE_ID : undefined)
  if (!templateId) return undefined
  const keys = (env.WECHAT_CLAIM_TEMPLATE_KEYS || 'thing1,phrase2,time3,thing4').split(',').map((k) => k.trim())
  if (keys.length !== 4 || !keys.every((k) => /^[a-z_]+[0-9]+$/.test(k))) {
    throw new ConfigError(`WECHAT_CLAIM_TEMPLATE_KEYS must name 4 template keywords (title, stage, time, note), e.g. thing1,phrase2,time3,thing4`)
  }
  const state = env.WECHAT_MINIPROGRAM_STATE || undefined
  if (state !== undefined && state !== 'developer' && state !== 'trial' && state !== 'formal') {
    throw new ConfigError(`WECHAT_MINIPROGRAM_STATE must be developer, trial or formal, got "${state}"`)
  }
  const [title, stage, time, note] = keys as [string, string, string, string]
  return { templateId, keys: { title, stage, time, note }, miniprogramState: state }
}

function int (env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

// What proxy-addr (Fastify's trustProxy) takes in a list: its names for address ranges, or an address with an
// optional prefix length or netmask.
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])
function proxyRange (entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true
  const [address, mask, extra] = entry.split('/')
  const family = isIP(address ?? '')
  if (family === 0 || extra !== undefined) return false
  if (mask === undefined) return true
  if (/^[0-9]{1,3}$/.test(mask)) return Number(mask) <= (family === 4 ? 32 : 128)
  return family === 4 && isIP(mask) === 4
}

/** A range wider than any private network (IPv4 shorter than /8, IPv6 than /7): it holds public addresses. */
function tooWide (entry: string): boolean {
  const [address, mask] = entry.split('/')
  if (mask === undefined || address === undefined) return false
  const bits = isIP(mask) === 4
    ? mask.split('.').reduce((n, octet) => n + Number(octet).toString(2).replace(/0+$/, '').length, 0)
    : Number(mask)
  return bits < (isIP(address) === 4 ? 8 : 7)
}

/**
 * TRUST_PROXY: unset/false = clients connect directly; or the proxies' addresses/subnets (10.0.0.5, 10.0.0.0/8,
 * loopback; comma-separated), and the client is the right-most X-Forwarded-For address that is not one of them.
 * `true` is refused: Fastify then takes the left-most address, which the client writes, so anyone could pick the
 * address a per-client rate limit counts. A hop count is refused too: Fastify no longer honours
 * one (it cannot tell the proxy from a client that connects directly), and silently trusting nobody would be worse.
 */
function parseTrustProxy (raw: string | undefined): false | string {
  const value = raw?.trim() ?? ''
  if (value === '' || value === 'false') return false
  const example = 'give the proxy\'s address or subnet, e.g. TRUST_PROXY=10.0.0.5 or TRUST_PROXY=10.0.0.0/8,loopback'
  if (value === 'true') {
    throw new ConfigError(`TRUST_PROXY=true trusts the X-Forwarded-For of anyone who connects, so a client could dodge the per-client rate limits; ${example}`)
  }
  if (/^[0-9]+$/.test(value)) throw new ConfigError(`TRUST_PROXY=${value}: a hop count cannot tell the proxy from a client; ${example}`)
  const entries = value.split(',').map((e) => e.trim())
  const bad = entries.filter((e) => !proxyRange(e))
  if (bad.length) {
    throw new ConfigError(`TRUST_PROXY must be false or the proxies' addresses/subnets (10.0.0.5, 10.0.0.0/8, loopback), got "${bad.join(', ')}"`)
  }
  const wide = entries.filter(tooWide)
  if (wide.length) {
    throw new ConfigError(`TRUST_PROXY=${wide.join(',')} takes in public addresses, so a client could write the address a rate limit counts; ` +
      'name the proxies\' own network, no wider than /8 for IPv4 or /7 for IPv6')
  }
  return entries.join(',')
}

const NODE_ENVS = new Set(['', 'development', 'test', 'production'])

/** DEV_MODE: 1 on, unset/empty/0 off; anything else (true, yes) is refused rather than guessed. */
function parseDevMode (raw: string | undefined): boolean {
  const value = raw ?? ''
  if (value === '1') return true
  if (value === '' || value === '0') return false
  throw new ConfigError(`DEV_MODE must be 1 (development: dev stand-ins and demo data) or unset, got "${value}"`)
}

/** The admin listener's host: this machine only, so that no proxy or other computer can reach it. */
function adminHost (raw: string | undefined): string {
  const host = raw?.trim() || '127.0.0.1'
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'))
  if (!loopback) {
    throw new ConfigError(`ADMIN_HOST must be a loopback address (127.0.0.1, ::1 or localhost), got "${host}": the operator routes and the dev outbox must not be reachable from another computer or through a proxy`)
  }
  return host
}

export function loadConfig (env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const nodeEnv = env.NODE_ENV ?? ''
  if (!NODE_ENVS.has(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be unset, development, test or production, got "${nodeEnv}" (dev stand-ins and demo data are switched on with DEV_MODE=1, never by NODE_ENV)`)
  }
  const production = nodeEnv === 'production'
  const devMode = parseDevMode(env.DEV_MODE)
  if (devMode && production) {
    throw new ConfigError('DEV_MODE=1 and NODE_ENV=production together: dev stand-ins, demo data and published dev tokens never run in production; unset DEV_MODE')
  }
  const dataDir = env.DATA_DIR || '.data'
  const operatorToken = env.OPERATOR_TOKEN || (devMode ? DEV_OPERATOR_TOKEN : randomBytes(32).toString('base64url'))
  const wechat = env.WECHAT_APPID && env.WECHAT_SECRET
    ? { appId: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com' }
    : undefined
  const alipay = env.ALIPAY_APP_ID && env.ALIPAY_PRIVATE_KEY && env.ALIPAY_PUBLIC_KEY
    ? { appId: env.ALIPAY_APP_ID, privateKey: env.ALIPAY_PRIVATE_KEY, alipayPublicKey: env.ALIPAY_PUBLIC_KEY,
        gateway: env.ALIPAY_GATEWAY || 'https://openapi.alipay.com/gateway.do' }
    : undefined
  const smsGateway = env.SMS_GATEWAY_URL && env.SMS_GATEWAY_TOKEN
    ? { url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN }
    : undefined
  const cfg: ServerConfig = {
    production,
    devMode,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 12393),
    adminHost: adminHost(env.ADMIN_HOST),
    adminPort: int(env, 'ADMIN_PORT', 12394),
    adminFile: env.ADMIN_FILE ? resolve(env.ADMIN_FILE) : dataDir === 'memory://' ? undefined : resolve(dataDir, 'admin.json'),
    requestTimeoutMs: int(env, 'REQUEST_TIMEOUT_MS', 30_000, 100),
    keepAliveTimeoutMs: int(env, 'KEEP_ALIVE_TIMEOUT_MS', 72_000, 100),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0),
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    demoAsOf: env.DEMO_AS_OF || undefined,
    dataKey: env.DATA_KEY || (devMode ? DEV_DATA_KEY : ''),
    staticRoot: env.STATIC_ROOT === '' ? undefined : resolve(env.STATIC_ROOT || resolve(__dirname, '..', 'dist', 'h5')),
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 30, 1),
    sessionAbsoluteHours: int(env, 'SESSION_ABSOLUTE_HOURS', 12, 1),
    verifyWindowSeconds: env.VERIFY_WINDOW_SECONDS ? int(env, 'VERIFY_WINDOW_SECONDS', 900, 1) : int(env, 'VERIFY_WINDOW_MINUTES', 15, 1) * 60,
    smsCodeTtlSeconds: int(env, 'SMS_CODE_TTL_SECONDS', 300, 30),
    smsResendSeconds: int(env, 'SMS_RESEND_SECONDS', 60, 0),
    smsMaxAttempts: int(env, 'SMS_MAX_ATTEMPTS', 5, 1),
    loginRatePerMinute: int(env, 'LOGIN_RATE_PER_MINUTE', 60, 1),
    smsRatePerHour: int(env, 'SMS_RATE_PER_HOUR', 60, 1),
    shareViewRatePerMinute: int(env, 'SHARE_VIEW_RATE_PER_MINUTE', 30, 1),
    shareGrantViewsPerMinute: int(env, 'SHARE_GRANT_VIEWS_PER_MINUTE', 20, 1),
    entryRatePerMinute: int(env, 'ENTRY_RATE_PER_MINUTE', 60, 1),
    accessLogRetentionDays: int(env, 'ACCESS_LOG_RETENTION_DAYS', 3 * 365, 30),
    wechat, alipay, smsGateway,
    claimNotice: claimNotice(env, devMode),
    operatorToken,
    operatorTokenSource: env.OPERATOR_TOKEN ? 'env' : devMode ? 'dev' : 'random',
    maxEventLoopDelayMs: int(env, 'MAX_EVENT_LOOP_DELAY_MS', 2000, 0),
    publicBaseUrl: publicBaseUrl(env.PUBLIC_BASE_URL, production),
  }
  if (cfg.adminPort !== 0 && cfg.adminPort === cfg.port) throw new ConfigError(`ADMIN_PORT must differ from PORT (both ${cfg.port})`)
  if (!devMode) {
    const missing: string[] = []
    if (!env.DATA_KEY || env.DATA_KEY.length < 32) missing.push('DATA_KEY (at least 32 characters)')
    if (!wechat) missing.push('WECHAT_APPID + WECHAT_SECRET')
    if (!alipay) missing.push('ALIPAY_APP_ID + ALIPAY_PRIVATE_KEY + ALIPAY_PUBLIC_KEY')
    if (!smsGateway) missing.push('SMS_GATEWAY_URL + SMS_GATEWAY_TOKEN')
    if (!cfg.databaseUrl && cfg.dataDir === 'memory://') missing.push('DATABASE_URL or DATA_DIR on disk')
    if (env.OPERATOR_TOKEN && (env.OPERATOR_TOKEN.length < 32 || env.OPERATOR_TOKEN === DEV_OPERATOR_TOKEN)) {
      missing.push('OPERATOR_TOKEN of at least 32 characters, not the published dev token (or none: a random one per run)')
    }
    if (missing.length) {
      const who = production ? 'NODE_ENV=production' : 'Without DEV_MODE=1 the server'
      throw new ConfigError(`${who} needs real settings, missing: ${missing.join(', ')} (DEV_MODE=1 runs the dev stand-ins and demo data for development)`)
    }
  }
  return cfg
}
