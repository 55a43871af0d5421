// Logger options: personal data and secrets are removed by rule here, so no call site has to remember to.
import type { LoggerOptions } from 'pino'
import { maskNumbersInText } from '../domain/mask'

/** Keys whose values never reach a log line, whatever object they sit in. */
const secretKeys = new Set([
  'authorization', 'cookie', 'set-cookie', 'token', 'password', 'querypassword', 'code', 'session_key',
  'sessionkey', 'secret', 'phone', 'idnumber', 'id_number', 'cert_no', 'cert_name', 'name', 'privatekey',
  'access_token', 'js_code', 'auth_code', 'newpassword', 'cardnumber', 'card_number', 'cert_hash',
  'x-share-token', 'sharetoken', 'share_token',
])

const bearerPattern = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g
// A secret in a URL's query or fragment: a share token (`?t=…`, `#/…?t=…`: clients never send one to the server, but
// a link pasted into the address bar without its `#` would), any `…token=`, a platform's login `code`, a session or a
// signature. The request line is logged, and so are the URLs of upstream calls. The value ends where the parameter
// does, or where the JSON string of the log line does.
const querySecretPattern =
  /([?&#;](?:t|[a-z_]*token|code|[a-z_]+_code|session[a-z_]*|sid|ticket|password|secret|sig|signature|api_?key|key)=)[^&#;\s"\\]+/gi

/** Mainland mobile numbers and ID numbers inside any string (URLs, messages) are masked (the rules of domain/mask),
 * and so are bearer tokens and secrets in URL parameters. */
export function scrubString (s: string): string {
  return maskNumbersInText(s).replace(bearerPattern, '$1[REDACTED]').replace(querySecretPattern, '$1[REDACTED]')
}

export function scrub (value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubString(value)
  if (value === null || typeof value !== 'object' || depth > 6) return value
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
  // Requests, responses and errors are left to pino's serializers; the final line is scrubbed in streamWrite.
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = secretKeys.has(k.toLowerCase()) ? '[REDACTED]' : scrub(v, depth + 1)
  }
  return out
}

export function loggerOptions (level: string): LoggerOptions {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string; headers: Record<string, unknown> }) =>
        ({ method: req.method, url: req.url, headers: req.headers }),
    },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-operator-token"]', 'req.headers["x-share-token"]', 'res.headers["set-cookie"]'],
      censor: '[REDACTED]',
    },
    // Key rule: values under secret keys go, at any depth of what a call site logs.
    formatters: { log: (obj: Record<string, unknown>) => scrub(obj) as Record<string, unknown> },
    // Pattern rule: phones, ID numbers and bearer tokens are masked in the finished line, whatever put them there.
    hooks: { streamWrite: (line: string) => scrubString(line) },
  }
}
