// A page that failed to draw reports it: one warn line in the server's log (masked by the logger's rules even when the
// report carries a number it should not), a 204 with no body, nothing stored; malformed or oversized reports are a
// 400 or 413, and a client that floods it is held to its per-minute limit.
import { Writable } from 'node:stream'
import { loggerOptions } from '../../../../../../server/plugins/logger'
import { CLIENT_ERRORS_PER_MINUTE } from '../../../../../../server/routes/api/v1/client-errors'
import { makeTestApp, type TestApp } from '../../../../../support/app'

const lines: string[] = []
let t: TestApp
beforeAll(async () => {
  const stream = new Writable({ write (chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
  t = await makeTestApp({ logger: { ...loggerOptions('info'), stream }, rateLimitMax: 1000 })
})
afterAll(async () => { await t.close() })

const report = {
  page: 'packages/account/pages/claim/index', kind: 'render', name: 'TypeError',
  message: "Cannot read properties of undefined (reading 'stage')", stack: ['at ClaimPage (claim.js:1:200)', 'at renderWithHooks (vendors.js:2:100)'],
  build: 'weapp-0.1.0',
}
const send = (body: unknown, remoteAddress = '203.0.113.20') =>
  t.app.inject({ method: 'POST', url: '/api/v1/client-errors', payload: body as Record<string, unknown>, remoteAddress })
const err = (res: { statusCode: number; json: () => unknown }) => [res.statusCode, (res.json() as { error: { code: string } }).error.code]

test('a report is one warn line with the page and the error, a 204 with no body; a phone or ID number in it is masked', async () => {
  const res = await send({ ...report, message: 'failed for 13812345678 and 110101199003071234' })
  expect([res.statusCode, res.body]).toEqual([204, ''])
  const line = lines.map((l) => JSON.parse(l) as { level: number; msg: string; clientError?: Record<string, unknown> }).find((l) => l.clientError)
  expect(line).toMatchObject({
    level: 40, msg: 'a page of the app failed',
    clientError: { page: report.page, kind: 'render', errorType: 'TypeError', stack: report.stack, build: 'weapp-0.1.0' },
  })
  const logged = lines.join('')
  expect(logged).not.toContain('13812345678')
  expect(logged).not.toContain('110101199003071234')
})

test('what is not a report is refused plainly: extra fields, a query in the page, a line break, too long, too big', async () => {
  const bad: unknown[] = [
    { ...report, personName: '陈国栋' }, { ...report, page: 'pages/claim/index?id=3' }, { ...report, message: 'a\nb' },
    { ...report, message: 'x'.repeat(201) }, { ...report, stack: Array(13).fill('at x') }, { ...report, kind: 'crash' }, {},
  ]
  for (const body of bad) expect(err(await send(body))).toEqual([400, 'validation_failed'])
  expect(err(await send({ ...report, stack: Array(12).fill('y'.repeat(200)), message: 'z'.repeat(200), extra: 'q'.repeat(9000) }))).toEqual([413, 'payload_too_large'])
})

test('one client may report ten a minute; another is not held back by it', async () => {
  const codes: number[] = []
  for (let i = 0; i <= CLIENT_ERRORS_PER_MINUTE; i++) codes.push((await send(report, '203.0.113.77')).statusCode)
  expect(codes.slice(0, CLIENT_ERRORS_PER_MINUTE).every((c) => c === 204)).toBe(true)
  expect(codes.at(-1)).toBe(429)
  expect((await send(report, '203.0.113.78')).statusCode).toBe(204)
})
