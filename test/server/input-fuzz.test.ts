// Every route's query and path parameters, filled one at a time with strings that are not plain numbers, real dates or
// clean text: never a 5xx, every refusal in the error shape with a Chinese sentence that shows no raw field name, and
// whatever the parameter's schema does not strictly allow (no coercion, numbers as plain decimal digits, dates real
// and from 1900 to 2099, no control characters) a 400 validation_failed. The routes come from the app itself, so a
// route added later is covered without touching this file.
import Ajv from 'ajv'
import { fieldLabel } from '../../server/plugins/errors'
import type { RouteInputs } from '../../server/plugins/input'
import { makeTestApp, type TestApp } from '../support/app'
import { verifiedDemoSession } from '../support/consent'

let t: TestApp
let headers: Record<string, string>

beforeAll(async () => {
  // Per-route limits out of the way: the property is about validation, and a 429 would hide it.
  t = await makeTestApp({
    env: { SHARE_VIEW_RATE_PER_MINUTE: '100000', ENTRY_RATE_PER_MINUTE: '100000', SHARE_GRANT_VIEWS_PER_MINUTE: '100000' },
    rateLimitMax: 1_000_000,
  })
  headers = (await verifiedDemoSession(t, 1)).headers
}, 60_000)
afterAll(async () => { await t.close() })

/** Not plain decimal numbers, not real dates, or not clean text. */
const BAD = [
  'Infinity', '-Infinity', 'NaN', '0x10', '0b11', '0o17', ' 5', '5 ', '+5', '-5', '-0', '1e3', '5.0', '5.', '.5', '', '00', '007',
  '9999999999999999999', '9007199254740993', '1'.repeat(40), '١٢٣', '５', 'true', 'null', '[]', '{}',
  '0001-01-01', '1899-12-31', '2100-01-01', '2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '+02026-01-01',
  '2026-11-20T00:00:00Z', '20261120',
  '\u0000', 'a\u0000b', '5\u0000', '\u0001', '\t5', '5\n', '\r', '\u001b[31m', '\u007f', '\u0085', '%', '%00', '\\',
]
/** Plain values the client sends: none of them may be refused as malformed where the schema allows it. */
const GOOD = ['1', '5', '20', '100', '2026-11-20', '1900-01-01', '2024-02-29', '2099-12-31']

// The reference reading of a schema, independent of the server's: no coercion except a string of plain decimal digits
// for a number, and `date` meaning a real calendar date from 1900 to 2099.
const strict = new Ajv({ strict: false, allErrors: false })
strict.addFormat('date', {
  type: 'string',
  validate: (s: string) => {
    const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s)
    if (!m) return false
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
    const at = new Date(Date.UTC(y, mo - 1, d))
    return y >= 1900 && y <= 2099 && at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d
  },
})
strict.addFormat('date-time', true)

type Schema = Record<string, unknown>
function strictlyValid (schema: Schema | undefined, raw: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(raw)) return false
  if (!schema) return true
  const numeric = schema.type === 'integer' || schema.type === 'number'
  if (numeric && !/^-?(0|[1-9][0-9]{0,14})$/.test(raw)) return false
  return strict.validate(schema, numeric ? Number(raw) : raw)
}

/** A value the parameter's schema accepts, for the parameters not under test. */
function sample (schema: Schema | undefined): string {
  const candidates = ['1', 'privacy', 'H31010400001', 'ABCDEFGH', 'CLM1', '2026-11-20']
  return candidates.find((c) => strictlyValid(schema, c)) ?? '1'
}

function urlFor (route: RouteInputs, values: Record<string, string>, query: Record<string, string>): string {
  const path = route.url.replace(/:([A-Za-z0-9_]+)|\*/g, (_m, name: string | undefined) => encodeURIComponent(values[name ?? '*'] ?? ''))
  const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
  return qs ? `${path}?${qs}` : path
}

interface Probe { admin: boolean; route: RouteInputs; part: 'path' | 'query'; name: string; value: string; schema?: Schema }
const cjk = /[\u4e00-\u9fff]/

async function send (p: Probe) {
  const { route } = p
  const values = Object.fromEntries(route.pathParams.map((n) => [n, sample(route.params[n])]))
  const query: Record<string, string> = {}
  if (p.part === 'path') values[p.name] = p.value
  else query[p.name] = p.value
  return (p.admin ? t.admin : t.app).inject({
    method: route.method as 'GET', url: urlFor(route, values, query), headers: p.admin ? t.adminHeaders : headers,
    ...(route.body ? { payload: {} } : {}),
  })
}

/** What is wrong with one answer, or null. */
function problem (p: Probe, res: { statusCode: number; body: string; headers: Record<string, unknown> }): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body}`
  if (p.route.url.startsWith('/api/') && res.headers['cache-control'] !== 'no-store') return `cache-control ${String(res.headers['cache-control'])}`
  let err: { code?: unknown; message?: unknown } | undefined
  if (res.statusCode >= 400) {
    try { err = (JSON.parse(res.body) as { error?: typeof err }).error } catch { return `not JSON: ${res.body}` }
    if (typeof err?.code !== 'string' || typeof err.message !== 'string') return `not the error shape: ${res.body}`
    if (!cjk.test(err.message)) return `not Chinese: ${err.message}`
    if (err.message.includes(p.name) && /^[A-Za-z]{2,}$/.test(p.name)) return `shows the field name: ${err.message}`
    if (/[0-9]{7,}/.test(err.message)) return `shows a huge number: ${err.message}`
  }
  // An empty path segment is another URL (a list, or no route at all): nothing to expect of it but the above.
  const declared = p.part === 'query' || p.schema !== undefined
  if (declared && !(p.part === 'path' && p.value === '') && !strictlyValid(p.schema, p.value)) {
    if (res.statusCode !== 400 || err?.code !== 'validation_failed') return `expected 400 validation_failed, got ${res.statusCode} ${res.body}`
  }
  return null
}

function probes (values: string[]): Probe[] {
  const out: Probe[] = []
  for (const [admin, routes] of [[false, t.app.routeInputs], [true, t.admin.routeInputs]] as const) {
    for (const route of routes) {
      for (const name of route.pathParams) for (const value of values) out.push({ admin, route, part: 'path', name, value, schema: route.params[name] })
      for (const [name, schema] of Object.entries(route.query)) for (const value of values) out.push({ admin, route, part: 'query', name, value, schema })
    }
  }
  return out
}
const label = (p: Probe) => `${p.admin ? 'admin ' : ''}${p.route.method} ${p.route.url} ${p.part} ${p.name}=${JSON.stringify(p.value)}`

test('the catalogue holds every route, those the OpenAPI document lists and the hidden ones', () => {
  const listed = new Set(t.app.routeInputs.map((r) => `${r.method} ${r.url}`))
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> }
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      if (method === 'head') continue
      expect(listed).toContain(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`)
    }
  }
  for (const hidden of ['GET /h/:code', 'GET /h/*', 'GET /api/v1/openapi.json']) expect(listed).toContain(hidden)
  const withInputs = probes(['x']).map((p) => `${p.route.method} ${p.route.url} ${p.name}`)
  for (const route of [
    'GET /api/v1/spending limit', 'GET /api/v1/claims from', 'POST /api/v1/verifications/face/:checkId/result checkId',
    'POST /api/v1/operator/claims/:claimNo/advance claimNo',
  ]) {
    expect(withInputs).toContain(route)
  }
})

test('no query or path parameter of any route gives a 5xx, and what its schema does not strictly allow is a Chinese 400', async () => {
  const failures: string[] = []
  for (const p of probes(BAD)) {
    const trouble = problem(p, await send(p))
    if (trouble) failures.push(`${label(p)}: ${trouble}`)
  }
  expect(failures).toEqual([])
}, 300_000)

test('plain numbers and real dates are never refused as malformed', async () => {
  const failures: string[] = []
  for (const p of probes(GOOD)) {
    if (!p.schema || !strictlyValid(p.schema, p.value)) continue
    const res = await send(p)
    // A body left empty on purpose is refused for its own fields; only a refusal naming this parameter counts.
    const error = res.statusCode === 400 ? (res.json() as { error: { code: string; message: string } }).error : undefined
    const aboutThis = error?.code === 'validation_failed' && error.message.includes(fieldLabel(p.route.url, p.name) ?? p.name)
    if (res.statusCode >= 500 || aboutThis) {
      failures.push(`${label(p)}: ${res.statusCode} ${res.body}`)
    }
  }
  expect(failures).toEqual([])
}, 120_000)
