// What Node's HTTP parser refuses before Fastify routes anything (two Content-Lengths, a bad chunk, a 20 KB header, a
// request line that is not HTTP), and a request that arrives while the server shuts down: each answered in the error
// envelope with a Chinese sentence, uncacheable, and the connection closed. Raw sockets against a listening server.
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { makeTestApp, type TestApp } from '../../support/app'

let t: TestApp
let port: number
beforeAll(async () => {
  t = await makeTestApp({ seed: false })
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  port = (t.app.server.address() as AddressInfo).port
})
afterAll(async () => { await t.close() })

interface Answer { status: number; headers: Record<string, string>; body: string }

/** The answers on one connection, read until the server closes it. */
function parse (raw: Buffer): Answer[] {
  const answers: Answer[] = []
  let rest = raw
  while (rest.subarray(0, 9).toString('latin1') === 'HTTP/1.1 ') {
    const end = rest.indexOf('\r\n\r\n')
    const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n')
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
    const length = Number(headers['content-length'] ?? 0)
    const status = Number(statusLine!.split(' ')[1])
    if (status !== 100) answers.push({ status, headers, body: rest.subarray(end + 4, end + 4 + length).toString('utf8') })
    rest = rest.subarray(end + 4 + length)
  }
  return answers
}

/** Writes each chunk in turn (calling `between` after the first), then reads until the server closes the connection. */
function exchange (chunks: (string | Buffer)[], between?: (sofar: () => string) => Promise<void>): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    socket.on('data', (d) => received.push(d))
    // A reset after the answer (the server closing while the client still writes) is still an answer to read.
    socket.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') reject(e) })
    socket.on('close', () => resolve(parse(Buffer.concat(received))))
    socket.on('connect', () => {
      void (async () => {
        const [first, ...others] = chunks
        socket.write(first!)
        if (between) await between(() => Buffer.concat(received).toString('latin1'))
        for (const c of others) if (!socket.destroyed) socket.write(c)
      })()
    })
  })
}

const cjk = /[\u4e00-\u9fff]/
function expectEnvelope (a: Answer | undefined, status: number, code: string) {
  expect(a?.status).toBe(status)
  expect(a!.headers['content-type']).toMatch(/^application\/json/)
  expect(a!.headers['cache-control']).toBe('no-store')
  const body = JSON.parse(a!.body) as { error: { code: string; message: string } }
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(cjk)
  expect(body.error.message).not.toMatch(/[A-Za-z]{4,}/)
}

const post = (headers: string, body: string) => `POST /api/v1/auth/login/platform HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}\r\n${body}`

test('two Content-Length headers', async () => {
  const [a, ...more] = await exchange([post('Content-Length: 2\r\nContent-Length: 3\r\n', '{}')])
  expectEnvelope(a, 400, 'bad_request')
  expect(a!.headers.connection).toBe('close')
  expect(more).toEqual([])
})

test('a chunk size that is not hexadecimal', async () => {
  const [a] = await exchange([post('Transfer-Encoding: chunked\r\n', 'zz\r\n{}\r\n0\r\n\r\n')])
  expectEnvelope(a, 400, 'bad_request')
  expect(a!.headers.connection).toBe('close')
})

test('Content-Length and Transfer-Encoding together (request smuggling)', async () => {
  const [a] = await exchange([post('Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', '2\r\n{}\r\n0\r\n\r\n')])
  expectEnvelope(a, 400, 'bad_request')
})

test('a request line that is not HTTP', async () => {
  const [a] = await exchange(['HELLO THERE\r\n\r\n'])
  expectEnvelope(a, 400, 'bad_request')
})

test('a 20 KB header is a 431 with the envelope', async () => {
  const [a] = await exchange([`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`])
  expectEnvelope(a, 431, 'headers_too_large')
  expect(a!.headers.connection).toBe('close')
})

test('an expectation other than 100-continue is a 417 with the envelope, not an empty answer', async () => {
  const [a] = await exchange(['GET /api/v1/health HTTP/1.1\r\nHost: x\r\nExpect: the-unexpected\r\nConnection: close\r\n\r\n'])
  expectEnvelope(a, 417, 'bad_request')
})

test('a request line the router cannot place (OPTIONS *, an absolute URL) gets the envelope', async () => {
  const answers = await exchange(['OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\nGET http://elsewhere.example/api/v1/nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'])
  expect(answers).toHaveLength(2)
  for (const a of answers) {
    expect(a.status >= 400 && a.status < 500).toBe(true)
    const { error } = JSON.parse(a.body) as { error: { code: string; message: string } }
    expect(error.message).toMatch(cjk)
  }
  // The second names an /api path, so it is uncacheable like any /api answer.
  expectEnvelope(answers[1], answers[1]!.status, 'not_found')
})

test('a request that arrives while the server shuts down: a Chinese 503 that closes the connection', async () => {
  // The first request waits for 100 Continue (sent as it is routed) before its body, so that it is in flight when
  // closing starts; the second request on the same connection arrives after.
  const login = JSON.stringify({ platform: 'wechat', code: 'someone-new' })
  let closed: Promise<void> | undefined
  const answers = await exchange([
    post(`Content-Length: ${login.length}\r\nExpect: 100-continue\r\n`, ''),
    login + 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n',
  ], async (sofar) => {
    while (!sofar().includes('100 Continue')) await new Promise((r) => setTimeout(r, 2))
    closed = t.app.close()
    while (t.app.server.listening) await new Promise((r) => setTimeout(r, 2))
  })
  await closed
  expect(answers.map((a) => a.status)).toEqual([200, 503])
  expectEnvelope(answers[1], 503, 'service_unavailable')
  expect(answers[1]!.headers.connection).toBe('close')
  expect(JSON.parse(answers[1]!.body)).toEqual({ error: { code: 'service_unavailable', message: '服务正在重启，请稍后再试' } })
})
