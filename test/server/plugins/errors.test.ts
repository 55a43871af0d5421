// Validation messages a person can read: every field of every route (both apps) has a plain Chinese label, and the
// fallback for anything unlabelled never shows a raw field name, a library's English or a huge number.
import { validationMessage } from '../../../server/plugins/errors'
import type { RouteInputs } from '../../../server/plugins/input'
import { makeTestApp, type TestApp } from '../../support/app'

let t: TestApp
beforeAll(async () => { t = await makeTestApp({ seed: false }) })
afterAll(async () => { await t.close() })

type Schema = Record<string, unknown>
const cjk = /[\u4e00-\u9fff]/

/** Every property name at any depth of a schema (objects, array items, union branches). */
function fieldsOf (schema: Schema | undefined, out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return out
  for (const [name, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    out.add(name)
    fieldsOf(sub, out)
  }
  if (schema.items) fieldsOf(schema.items as Schema, out)
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const branch of (schema[key] ?? []) as Schema[]) fieldsOf(branch, out)
  return out
}

function everyField (routes: RouteInputs[]) {
  const out: { route: string; context: string; field: string }[] = []
  for (const r of routes) {
    const parts: [string, Schema | undefined][] = [
      ['params', { properties: r.params }], ['querystring', { properties: r.query }], ['body', r.body], ['headers', r.headers],
    ]
    for (const [context, schema] of parts) for (const field of fieldsOf(schema)) out.push({ route: r.url, context, field })
  }
  return out
}

/** What is wrong with a message about `field`, or null. */
function wrong (message: string, field: string): string | null {
  if (!cjk.test(message)) return `not Chinese: ${message}`
  if (message.includes(`“${field}”`) || (/^[A-Za-z-]{3,}$/.test(field) && message.includes(field))) return `shows ${field}: ${message}`
  if (/[0-9]{7,}/.test(message)) return `shows a huge number: ${message}`
  if (/[A-Za-z]{4,}/.test(message)) return `shows a word of English: ${message}`
  return null
}

test('every field of every route, on the public and the admin app, is named in plain Chinese', () => {
  const fields = everyField([...t.app.routeInputs, ...t.admin.routeInputs])
  expect(fields.length).toBeGreaterThan(40)
  const failures: string[] = []
  for (const { route, context, field } of fields) {
    const errors = [
      { keyword: 'required', instancePath: '', params: { missingProperty: field } },
      { keyword: 'type', instancePath: `/${field}`, params: { type: 'string' } },
      { keyword: 'maxLength', instancePath: `/${field}`, params: { limit: 20 } },
      { keyword: 'controlCharacters', instancePath: `/${field}`, params: {} },
    ]
    for (const e of errors) {
      const message = validationMessage(context, [e], route)
      const trouble = wrong(message, field)
      if (trouble) failures.push(`${route} ${context} ${field} ${e.keyword}: ${trouble}`)
    }
    // A label of its own, not the generic 请求内容 / 请求参数 of the fallback.
    const missing = validationMessage(context, [errors[0]!], route)
    if (/请求(内容|参数)/.test(missing)) failures.push(`${route} ${context} ${field}: no label (${missing})`)
  }
  expect(failures).toEqual([])
})

test('an unlabelled field, an extra field and a huge limit are said plainly', () => {
  const cases: [string, { keyword: string; instancePath: string; params: Record<string, unknown> }][] = [
    ['body', { keyword: 'required', instancePath: '', params: { missingProperty: 'zzzUnknownField' } }],
    ['body', { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'zzzUnknownField' } }],
    ['body', { keyword: 'type', instancePath: '/zzzUnknownField', params: { type: 'integer' } }],
    ['params', { keyword: 'maximum', instancePath: '/zzzUnknownField', params: { comparison: '<=', limit: 9007199254740991 } }],
    ['querystring', { keyword: 'minimum', instancePath: '/zzzUnknownField', params: { comparison: '>=', limit: -9007199254740991 } }],
    ['body', { keyword: 'maxItems', instancePath: '/zzzUnknownField', params: { limit: 3 } }],
    ['body', { keyword: 'uniqueItems', instancePath: '/zzzUnknownField', params: { i: 1, j: 0 } }],
    ['body', { keyword: 'multipleOf', instancePath: '/zzzUnknownField', params: { multipleOf: 100000000 } }],
    ['body', { keyword: 'controlCharacters', instancePath: '/zzzUnknownField', params: {} }],
    ['body', { keyword: 'type', instancePath: '', params: { type: 'object' } }],
  ]
  for (const [context, e] of cases) {
    const message = validationMessage(context, [e], '/api/v1/nowhere')
    expect([e.keyword, wrong(message, 'zzzUnknownField')]).toEqual([e.keyword, null])
  }
  expect(validationMessage('params', [{ keyword: 'maximum', instancePath: '/checkId', params: { comparison: '<=', limit: 9007199254740991 } }],
    '/api/v1/verifications/face/:checkId/result')).toBe('刷脸验证编号超出了允许的范围')
  expect(validationMessage('body', [{ keyword: 'maxLength', instancePath: '/note', params: { limit: 200 } }], '/api/v1/spending/:id/disputes'))
    .toBe('补充说明最多 200 个字')
  expect(validationMessage('body', [{ keyword: 'controlCharacters', instancePath: '/note', params: {} }], '/api/v1/spending/:id/disputes'))
    .toBe('补充说明里有无法显示的字符，请删除后重试')
})

test('over HTTP: a missing name and a huge check id are said with their labels', async () => {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'new-person-1' } })
  const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` }
  const bind = await t.app.inject({ method: 'POST', url: '/api/v1/binding', headers, payload: { idNumber: '11010519491231002X' } })
  expect(bind.statusCode).toBe(400)
  expect(bind.json()).toEqual({ error: { code: 'validation_failed', message: '缺少姓名，请补充后重试' } })
  const face = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/face/9007199254740999/result', headers })
  expect(face.statusCode).toBe(400)
  const { message } = (face.json() as { error: { message: string } }).error
  expect(message).toContain('刷脸验证编号')
  expect(message).not.toMatch(/[0-9]{7,}|checkId/)
})
