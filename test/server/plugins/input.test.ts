// Input rules before Ajv's coercion: real dates, plain numbers in query strings (a repeated key too), no control
// characters in any text a body carries (line breaks only where a field is marked multi-line), and a JSON body keeping
// its own types (no "7" for 7, no 1e400).
import { isRealDate } from '../../../server/plugins/input'
import type { ClaimsPage } from '../../../types/api/claims'
import type { SpendingPage } from '../../../types/api/spending'
import { makeTestApp, type TestApp } from '../../support/app'
import { verifiedDemoSession } from '../../support/consent'

let t: TestApp
let headers: Record<string, string>
beforeAll(async () => {
  t = await makeTestApp()
  headers = (await verifiedDemoSession(t, 1)).headers
})
afterAll(async () => { await t.close() })

type Res = { statusCode: number; json: () => unknown; body: string }
const error = (res: Res) => [res.statusCode, (res.json() as { error: { code: string; message: string } }).error]
const refused = (message: string) => [400, { code: 'validation_failed', message }]

test('a date is a real calendar day from 1900 to 2099', () => {
  for (const d of ['1900-01-01', '2024-02-29', '2026-11-20', '2099-12-31']) expect([d, isRealDate(d)]).toEqual([d, true])
  for (const d of ['0001-01-01', '1899-12-31', '2100-01-01', '2026-02-30', '2025-02-29', '2026-13-01', '2026-04-31', '2026-00-01', '2026-1-1', '+02026-01-01', '2026-11-20T00:00:00Z']) {
    expect([d, isRealDate(d)]).toEqual([d, false])
  }
})

test('a query string\'s numbers and dates: plain digits and real days, a repeated key included', async () => {
  const list = (qs: string) => t.app.inject({ method: 'GET', url: `/api/v1/spending?${qs}`, headers })
  expect((await list('limit=5')).statusCode).toBe(200)
  expect((await list('limit=5&from=2026-01-01&to=2026-11-20')).statusCode).toBe(200)
  expect(error(await list('limit=Infinity'))).toEqual(refused('每页条数应为 1 到 100 之间的整数'))
  expect(error(await list('limit=5&limit=0x10'))).toEqual(refused('每页条数应为 1 到 100 之间的整数'))
  expect(error(await list('from=0001-01-01'))).toEqual(refused('请选择正确的开始日期，格式如 2026-01-31'))
  expect(error(await list('institution=H3101%00'))).toEqual(refused('医疗机构里有无法显示的字符，请删除后重试'))
})

test('a path\'s number: plain digits, and too many of them is out of range, not a 5xx', async () => {
  const face = (id: string) => t.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${id}/result`, headers })
  expect(error(await face('Infinity'))).toEqual(refused('刷脸验证编号格式不对，应为整数'))
  expect(error(await face('9999999999999999999'))).toEqual(refused('刷脸验证编号超出了允许的范围'))
})

test('text in a body: no control characters; tabs and line breaks only in a multi-line field', async () => {
  const spending = (await t.app.inject({ method: 'GET', url: '/api/v1/spending?limit=2', headers })).json() as SpendingPage
  const [first, second] = spending.items
  const dispute = (id: number, note: string) => t.app.inject({ method: 'POST', url: `/api/v1/spending/${id}/disputes`, headers, payload: { note } })
  expect(error(await dispute(first!.id, '那天\u0000我不在上海'))).toEqual(refused('补充说明里有无法显示的字符，请删除后重试'))
  expect(error(await dispute(first!.id, '\u001b[31m'))).toEqual(refused('补充说明里有无法显示的字符，请删除后重试'))
  const lines = await dispute(second!.id, '那天我不在上海，\n卡一直在身边。\r\n\t——本人')
  expect(lines.statusCode).toBe(201)
  // Accepted (the dispute service lays the whitespace out its own way).
  expect((lines.json() as { note: string }).note).toContain('卡一直在身边。')

  const claims = (await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers })).json() as ClaimsPage
  const share = (recipientLabel: string) => t.app.inject({
    method: 'POST', url: `/api/v1/claims/${claims.items[0]!.id}/shares`, headers, payload: { duration: '1h', showAmounts: false, channel: 'h5', recipientLabel },
  })
  expect(error(await share('女儿\u0000'))).toEqual(refused('备注里有无法显示的字符，请删除后重试'))
  expect(error(await share('女儿\n'))).toEqual(refused('备注里有无法显示的字符，请删除后重试'))
  expect((await share('女儿')).statusCode).toBe(201)
})

test('text in a body: no invisible characters that change how it reads (direction overrides, zero widths, lone surrogates); emoji are fine', async () => {
  const claims = (await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers })).json() as ClaimsPage
  const share = (recipientLabel: string) => t.app.inject({
    method: 'POST', url: `/api/v1/claims/${claims.items[0]!.id}/shares`, headers, payload: { duration: '1h', showAmounts: false, channel: 'h5', recipientLabel },
  })
  for (const label of ['女儿\u202e', '\u2066女儿\u2069', '女\u200b儿', '女儿\ufeff', '女儿\u2028', '女儿\ud800', '女儿\u200f']) {
    expect(error(await share(label))).toEqual(refused('备注里有无法显示的字符，请删除后重试'))
  }
  const spending = (await t.app.inject({ method: 'GET', url: '/api/v1/spending?limit=3', headers })).json() as SpendingPage
  const dispute = (id: number, note: string) => t.app.inject({ method: 'POST', url: `/api/v1/spending/${id}/disputes`, headers, payload: { note } })
  expect(error(await dispute(spending.items[2]!.id, '那天\u2029我不在上海'))).toEqual(refused('补充说明里有无法显示的字符，请删除后重试'))
  expect((await share('女儿👨\u200d👩\u200d👧')).statusCode).toBe(201)
})

test('a JSON body keeps its types: no string for a number or a boolean, no number past what JSON can carry', async () => {
  const claims = (await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers })).json() as ClaimsPage
  const { claimNo } = claims.items.find((c) => c.stage !== 'paid' && c.stage !== 'rejected')!
  const advance = (payload: string) => t.admin.inject({
    method: 'POST', url: `/api/v1/operator/claims/${claimNo}/advance`, headers: { ...t.adminHeaders, 'content-type': 'application/json' }, payload,
  })
  expect(error(await advance('{"stage":"approved","approvedFen":"Infinity"}'))).toEqual(refused('核定金额格式不对，应为整数'))
  expect(error(await advance('{"stage":"approved","approvedFen":"30000"}'))).toEqual(refused('核定金额格式不对，应为整数'))
  expect(error(await advance('{"stage":"approved","approvedFen":1e400}'))).toEqual(refused('核定金额超出了允许的范围'))
  expect(error(await advance('{"stage":"approved","approvedFen":1e20}'))).toEqual(refused('核定金额超出了允许的范围'))
  expect(error(await advance('{"stage":"first_review","note":"材料\\u0000齐全"}'))).toEqual(refused('说明里有无法显示的字符，请删除后重试'))
  expect(error(await advance('{"stage":"first_review","note":null}'))).toEqual(refused('说明格式不对，应为文字'))

  const claimId = claims.items[0]!.id
  const share = await t.app.inject({
    method: 'POST', url: `/api/v1/claims/${claimId}/shares`, headers, payload: { duration: '1h', showAmounts: 'true', channel: 'h5' },
  })
  expect(error(share)).toEqual(refused('是否显示金额格式不对，应为是或否'))
  const subscribe = await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/subscriptions`, headers, payload: { templateIds: 'one-template' } })
  expect(error(subscribe)).toEqual(refused('同意的提醒模板格式不对，应为列表'))
})
