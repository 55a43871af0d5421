// server/main.ts as `npm start` runs it, in a child process: a request trickled a byte at a time is cut off, SIGTERM
// ends within SHUTDOWN_TIMEOUT_MS while such a request is open, a start without DEV_MODE seeds nothing and hands the
// run's operator token to the scripts through a file only this user can read, and an unknown NODE_ENV stops the start.
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEV_OPERATOR_TOKEN } from '../../server/config'
import { run as qr } from '../../scripts/qr'
import { generateRsaKeyPair } from '../fakes/alipay-gateway'
import { startSmsGateway, type FakeSmsGateway } from '../fakes/sms-gateway'
import { startWechatServer, type FakeWechatServer } from '../fakes/wechat-server'
interface Server {
  url: string
  admin: { url: string; token: string; headers: Record<string, string> }
  pid?: number
  output (): string
  exited (): Promise<number | null>
  stop (): Promise<void>
}
interface Answer { status: number; json: { error: { code: string } }; text: string }
// The helper the weapp and browser layers use (plain JavaScript), so that this is the process they start.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer, requestJson } = require('../support/server-process') as {
  startServer: (env?: Record<string, string>) => Promise<Server>
  requestJson: (url: string, o?: { method?: string; body?: unknown; headers?: Record<string, string> }) => Promise<Answer>
}

/**
 * Opens a connection and starts a POST whose 100-byte body comes one byte every `everyMs`; resolves with what the
 * server sent back once it closed the connection.
 */
function trickle (url: string, everyMs: number): { socket: Socket; closed: Promise<string> } {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  let answer = ''
  let timer: NodeJS.Timeout | undefined
  const closed = new Promise<string>((resolve) => {
    socket.setEncoding('utf8').on('data', (c: string) => { answer += c })
    socket.on('error', () => undefined)
    socket.on('close', () => { clearInterval(timer); resolve(answer) })
  })
  socket.on('connect', () => {
    socket.write(`POST /api/v1/auth/login/platform HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`)
    timer = setInterval(() => { if (!socket.destroyed) socket.write(' ') }, everyMs)
  })
  return { socket, closed }
}

/** Polls the server's output until it has logged `text` (no fixed sleep). */
async function logged (server: Server, text: string): Promise<void> {
  while (!server.output().includes(text)) await new Promise((r) => setTimeout(r, 20))
}

test('a body trickled one byte at a time is cut off at REQUEST_TIMEOUT_MS', async () => {
  const server = await startServer({ REQUEST_TIMEOUT_MS: '1500', LOG_LEVEL: 'warn' })
  try {
    const { closed } = trickle(server.url, 100)
    // A 408 when the request timeout ends it; nothing when a test machine stalls this process past the same time
    // between two bytes and the idle timeout ends it first. Either way the server closes the connection.
    expect(await closed).toMatch(/^(HTTP\/1\.1 408 [\s\S]*)?$/)
    // The server goes on answering.
    expect((await requestJson(`${server.url}/api/v1/health`)).status).toBe(200)
  } finally {
    await server.stop()
  }
}, 120_000)

test('SIGTERM with such a request open: at SHUTDOWN_TIMEOUT_MS the connection is closed and the process exits', async () => {
  const server = await startServer({ REQUEST_TIMEOUT_MS: '600000', SHUTDOWN_TIMEOUT_MS: '1000', LOG_LEVEL: 'info' })
  try {
    const { closed } = trickle(server.url, 200)
    // The request is in flight once the server has logged it; its body is still coming.
    await logged(server, '/api/v1/auth/login/platform')
    process.kill(server.pid!, 'SIGTERM')
    expect(await server.exited()).toBe(0)
    await closed
    expect(server.output()).toContain('shutdown deadline passed, closing the remaining connections')
  } finally {
    await server.stop()
  }
}, 120_000)

describe('without DEV_MODE, with every real setting (pointing at the fakes)', () => {
  let wechat: FakeWechatServer
  let sms: FakeSmsGateway
  let env: Record<string, string>
  beforeAll(async () => {
    ;[wechat, sms] = await Promise.all([startWechatServer(), startSmsGateway()])
    const alipay = generateRsaKeyPair()
    env = {
      DEV_MODE: '', DATA_KEY: 'a-real-data-key-for-the-main-test-0123456789', DATABASE_URL: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'main-test-')),
      WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.url,
      ALIPAY_APP_ID: '2021000000000001', ALIPAY_PRIVATE_KEY: alipay.privateKeyBase64, ALIPAY_PUBLIC_KEY: alipay.publicKeyBase64,
      ALIPAY_GATEWAY: 'http://127.0.0.1:9/gateway.do', SMS_GATEWAY_URL: sms.url, SMS_GATEWAY_TOKEN: sms.token,
    }
  })
  afterAll(async () => { await Promise.all([wechat.close(), sms.close()]) })

  test('no demo data, no banner; the run\'s random token is in <DATA_DIR>/admin.json (0600) for the scripts, and gone after', async () => {
    const server = await startServer(env)
    const file = join(env.DATA_DIR!, 'admin.json')
    try {
      expect(server.output()).not.toMatch(/已生成演示数据|演示环境/)
      expect(server.output()).toContain(`admin listening on ${server.admin.url} (${file})`)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(server.admin.token).not.toBe(DEV_OPERATOR_TOKEN)
      // The published dev token is refused; a demo login code means nothing to the real WeChat client.
      const dev = await requestJson(`${server.admin.url}/api/v1/dev/sms-outbox`, { headers: { 'x-operator-token': DEV_OPERATOR_TOKEN } })
      expect(dev.status).toBe(403)
      const login = await requestJson(`${server.url}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code: 'wx-demo-1' } })
      expect([login.status, login.json.error.code]).toEqual([401, 'invalid_login_code'])
      // npm run qr, run where the server runs, finds the admin listener and the token in the file: the database has
      // no institutions (no demo data), which the server says.
      const errs: string[] = []
      expect(await qr(['H31010400001'], { DATA_DIR: env.DATA_DIR }, () => undefined, (s) => errs.push(s), env.DATA_DIR)).toBe(1)
      expect(errs).toEqual(['未能完成（HTTP 404）：没有编码为 H31010400001 的医药机构，请核对机构编码\n'])
    } finally {
      await server.stop()
    }
    expect(existsSync(file)).toBe(false)
  }, 120_000)

  test.each(['prod', 'Production'])('NODE_ENV=%s stops the start with the reason', async (value) => {
    await expect(startServer({ ...env, NODE_ENV: value })).rejects.toThrow(
      `无法启动：NODE_ENV must be unset, development, test or production, got "${value}"`)
  }, 120_000)
})
