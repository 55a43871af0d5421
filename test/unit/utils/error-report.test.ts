// What a page's failure says to the server's log: the route without its query, the error's type, one short line of
// message and a few of stack, with digit runs (ID numbers, phones, claim numbers) and query strings gone.
import { errorReport } from '../../../src/utils/error-report'

test('the route, the type, the first line of the message, and the stack\'s first lines, with numbers masked', () => {
  const error = new TypeError('claim 202611200001 of 13812345678 failed\nsecond line with 110101199003071234')
  error.stack = ['TypeError: claim…', '    at ClaimPage (https://app.example/js/claim.1234abcd.js?t=secret-token:1:200)', '    at x (vendors.js:2:10)', ...Array(20).fill('    at y (z.js:1:1)')].join('\n')
  const r = errorReport(error, '/packages/account/pages/claim/index?id=42&t=abc', 'render')
  expect(r).toMatchObject({ page: 'packages/account/pages/claim/index', kind: 'render', name: 'TypeError', message: 'claim # of # failed' })
  expect(r.stack).toHaveLength(12)
  expect(r.stack![0]).toBe('at ClaimPage (https://app.example/js/claim.#abcd.js?…')
  expect(JSON.stringify(r)).not.toMatch(/\d{4}|secret|110101/)
  expect(r).not.toHaveProperty('build')
})

test('what is not an Error still makes a report; an odd name or build is left out; lines are cut at 200', () => {
  expect(errorReport('plain string thrown', 'pages/index/index', 'unhandled')).toEqual({
    page: 'pages/index/index', kind: 'unhandled', name: 'Error', message: 'plain string thrown', stack: [],
  })
  const odd = new Error('x'.repeat(300))
  odd.name = 'Name with spaces <script>'
  odd.stack = ''
  const r = errorReport(odd, 'pages/login/index', 'render', 'bad build!')
  expect([r.name, r.message.length, r.build]).toEqual(['Error', 200, undefined])
  expect(errorReport(odd, 'pages/login/index', 'render', 'weapp-0.1.0').build).toBe('weapp-0.1.0')
})
