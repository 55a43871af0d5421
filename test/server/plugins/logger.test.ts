// The logger removes personal data and secrets by rule, wherever they appear in a log line.
import pino from 'pino'
import { Writable } from 'node:stream'
import { loggerOptions, scrubString } from '../../../server/plugins/logger'

function capture () {
  const lines: string[] = []
  const stream = new Writable({ write (chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
  const log = pino(loggerOptions('info') as pino.LoggerOptions, stream)
  return { log, text: () => lines.join('') }
}

test('secret keys are redacted at any depth, and phones / ID numbers / bearer tokens in strings are masked', () => {
  const { log, text } = capture()
  log.info({ body: { phone: '13812345678', code: '123456', nested: { idNumber: '11010519491231002X', token: 'abc' } } }, 'login for 13812345678')
  log.info({ req: { headers: { authorization: 'Bearer sEcReTtOkEnVaLuE1234567890' } }, url: '/x?id=11010519491231002X' }, 'req')
  log.warn(`upstream said Bearer sEcReTtOkEnVaLuE1234567890 for 13998765432`)
  const out = text()
  for (const secret of ['13812345678', '123456', '11010519491231002X', 'sEcReTtOkEnVaLuE1234567890', '13998765432']) {
    expect(out).not.toContain(secret)
  }
  expect(out).toContain('138****5678')
  expect(out).toContain('110***********002X')
  expect(out).toContain('[REDACTED]')
})

test('ordinary numbers are left alone', () => {
  expect(scrubString('amount 123456789 fen at 2026-11-20')).toBe('amount 123456789 fen at 2026-11-20')
})

test('requests go through the serializer with the authorization header redacted and the URL scrubbed', () => {
  class FakeRequest { // like Fastify's request: its fields are not own enumerable properties
    get method () { return 'GET' }
    get url () { return '/api/v1/dev/sms-outbox?phone=13812345678' }
    get headers () { return { authorization: 'Bearer sEcReTtOkEnVaLuE1234567890', 'user-agent': 'jest' } }
  }
  const { log, text } = capture()
  log.info({ req: new FakeRequest() }, 'incoming request')
  const line = JSON.parse(text()) as { req: { method: string; url: string; headers: Record<string, string> } }
  expect(line.req.method).toBe('GET')
  expect(line.req.url).toBe('/api/v1/dev/sms-outbox?phone=138****5678')
  expect(line.req.headers.authorization).toBe('[REDACTED]')
  expect(line.req.headers['user-agent']).toBe('jest')
})

test('a token in a query string or fragment is masked, whatever its name, and the rest of the URL is kept', () => {
  const { log, text } = capture()
  const url = '/api/v1/x?token=sEcReT_1&access_token=sEcReT-2&limit=20&T=sEcReT3&refresh_token=sEcReT4&session=sEcReT5' +
    '&js_code=sEcReT6&ticket=sEcReT7&sig=sEcReT8&api_key=sEcReT9#/pages/share?t=sEcReT10'
  log.info({ req: { method: 'GET', url } }, `GET ${url}`)
  log.info({ location: 'https://example.cn/cb?state=ok&code=sEcReT11;id_token=sEcReT12' }, 'redirect')
  const out = text()
  for (let i = 1; i <= 12; i++) expect(out).not.toMatch(new RegExp(`sEcReT[-_]?${i}(?![0-9])`))
  expect(out).toContain('limit=20')
  expect(out).toContain('state=ok')
  expect(out).toContain('token=[REDACTED]')
  expect(scrubString('/a?attempt=3&at=4&tokens=5')).toBe('/a?attempt=3&at=4&tokens=5')
})
