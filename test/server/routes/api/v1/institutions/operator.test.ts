// The operator's hospital codes end to end: the admin listener's token gate, issuing / renewing / revoking an institution's
// entry code (the public route then answers 410 for the old code), the printed URL with and without PUBLIC_BASE_URL,
// the mini-program code from the fake WeChat server (and what the operator is told when WeChat refuses), and
// `npm run qr` run as the operator runs it, writing the files, and refusing to send the operator token off this
// computer.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Writable } from 'node:stream'
import { promisify } from 'node:util'
import { and, eq, isNull } from 'drizzle-orm'
import QRCode from 'qrcode'
import { DEV_OPERATOR_TOKEN } from '../../../../../../server/config'
import { institutionEntries, institutions } from '../../../../../../server/db/schema'
import { DEMO_INSTITUTIONS } from '../../../../../../server/demo/generator'
import { loggerOptions } from '../../../../../../server/plugins/logger'
import type { OperatorEntryResult, OperatorEntryRevoked } from '../../../../../../types/api/institutions'
import { QR_OPTIONS, USAGE, operatorServer, parseArgs, run } from '../../../../../../scripts/qr'
import { startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'
import { makeTestApp, type TestApp } from '../../../../../support/app'

const root = resolve(__dirname, '..', '..', '..', '..', '..', '..')
const noAdminFile = join(mkdtempSync(join(tmpdir(), 'qr-admin-')), 'admin.json')
const scriptEnv = { OPERATOR_TOKEN: DEV_OPERATOR_TOKEN, ADMIN_FILE: noAdminFile }
const PAGE = 'packages/hospital/pages/index/index'
interface Err { error: { code: string; message: string } }
type Res = { statusCode: number; json: () => unknown }
const err = (res: Res) => [res.statusCode, (res.json() as Err).error.code]
const entryOf = (code: string) => DEMO_INSTITUTIONS.find((i) => i.code === code)!.entryCode
const operatorHeaders = { 'x-operator-token': DEV_OPERATOR_TOKEN }

const entry = (t: TestApp, code: string, body: Record<string, unknown> = {}, headers: Record<string, string> = t.adminHeaders, remoteAddress?: string) =>
  t.admin.inject({ method: 'POST', url: `/api/v1/operator/institutions/${code}/entry`, headers, payload: body, ...(remoteAddress ? { remoteAddress } : {}) })
const revoke = (t: TestApp, code: string, headers: Record<string, string> = t.adminHeaders) =>
  t.admin.inject({ method: 'DELETE', url: `/api/v1/operator/institutions/${code}/entry`, headers })
const publicStatus = async (t: TestApp, entryCode: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/institutions/entries/${entryCode}`, remoteAddress: '192.0.2.50' })).statusCode

async function liveCodes (t: TestApp, code: string): Promise<string[]> {
  const rows = await t.handle.db.select({ code: institutionEntries.code }).from(institutionEntries)
    .innerJoin(institutions, eq(institutions.id, institutionEntries.institutionId))
    .where(and(eq(institutions.code, code), isNull(institutionEntries.revokedAt)))
  return rows.map((r) => r.code)
}

/**
 * `npm run qr -- …` as the operator runs it (tsx, a process of its own); the exit code, stdout and stderr. The dev
 * token as the operator's shell would have it, and an ADMIN_FILE that does not exist, so that a developer's running
 * server (its .data/admin.json) never takes part.
 */
async function npmRunQr (args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'qr.ts'), ...args], {
      cwd: root, env: { ...process.env, NODE_OPTIONS: '', OPERATOR_TOKEN: DEV_OPERATOR_TOKEN, ADMIN_FILE: noAdminFile, ...env }, timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string }
    return { code: x.code, stdout: x.stdout, stderr: x.stderr }
  }
}

describe('with the dev stand-ins (no WeChat credentials, no PUBLIC_BASE_URL)', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp({ env: { ENTRY_RATE_PER_MINUTE: '1000' } }) })
  afterAll(async () => { await t.close() })

  test('the gate (admin listener): a wrong or missing token is 403; a forwarded or remote caller gets a plain 404; hidden from OpenAPI', async () => {
    const code = 'H31010400001'
    expect(err(await entry(t, code, {}, {}))).toEqual([403, 'forbidden'])
    expect(err(await entry(t, code, {}, { 'x-operator-token': 'guess' }))).toEqual([403, 'forbidden'])
    expect(err(await revoke(t, code, { 'x-operator-token': `${DEV_OPERATOR_TOKEN}x` }))).toEqual([403, 'forbidden'])
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }]
    for (const forwarded of proxied) {
      expect(err(await entry(t, code, { renew: true }, { ...operatorHeaders, ...forwarded }))).toEqual([404, 'not_found'])
      expect(err(await revoke(t, code, { ...operatorHeaders, ...forwarded }))).toEqual([404, 'not_found'])
    }
    // A stranger learns nothing, not even that the body was wrong.
    expect(err(await entry(t, code, { renew: 'yes' }, operatorHeaders, '203.0.113.9'))).toEqual([404, 'not_found'])
    expect(await liveCodes(t, code)).toEqual([entryOf(code)])
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> }
    expect(Object.keys(spec.paths).filter((p) => p.includes('operator'))).toEqual([])
    // The public listener has no such route, token or not.
    const pub = await t.app.inject({ method: 'POST', url: `/api/v1/operator/institutions/${code}/entry`, headers: operatorHeaders, payload: { renew: true } })
    expect(err(pub)).toEqual([404, 'not_found'])
    expect(await liveCodes(t, code)).toEqual([entryOf(code)])
  })

  test('the current code, its URL on this server (and the answer says it is not public), no mini-program code and why', async () => {
    const res = await entry(t, 'H31010400001')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const code = entryOf('H31010400001')
    expect(res.json()).toEqual({
      institution: { code: 'H31010400001', name: '上海市徐汇区滨江医院' }, entryCode: code, issued: false, revokedCode: null,
      url: `http://127.0.0.1:${t.cfg.port}/h/${code}`, urlIsPublic: false, scene: `h=${code}`, page: PAGE,
      wxacode: null, wxacodeNote: expect.stringContaining('没有配置微信凭据'),
    } satisfies OperatorEntryResult)
    expect(await liveCodes(t, 'H31010400001')).toEqual([code])
  })

  test('renew: a new code at once, the old one revoked, so the public route answers 410 for it', async () => {
    const old = entryOf('H31010400002')
    const r = (await entry(t, 'H31010400002', { renew: true })).json() as OperatorEntryResult
    expect(r).toMatchObject({ issued: true, revokedCode: old })
    expect(r.entryCode).not.toBe(old)
    expect(r.url).toBe(`http://127.0.0.1:${t.cfg.port}/h/${r.entryCode}`)
    expect(await publicStatus(t, old)).toBe(410)
    expect(await publicStatus(t, r.entryCode)).toBe(200)
    expect(await liveCodes(t, 'H31010400002')).toEqual([r.entryCode])
    // Asked again without renew: the same new code.
    expect(((await entry(t, 'H31010400002')).json() as OperatorEntryResult)).toMatchObject({ entryCode: r.entryCode, issued: false })
  })

  test('parallel renewals take turns: one live code at the end, every other one answers 410', async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => entry(t, 'H11010500003', { renew: true })))
    const made = answers.map((a) => (a.json() as OperatorEntryResult).entryCode)
    expect(new Set(made).size).toBe(5)
    const live = await liveCodes(t, 'H11010500003')
    expect(live).toHaveLength(1)
    for (const c of [...made, entryOf('H11010500003')]) expect(await publicStatus(t, c)).toBe(c === live[0] ? 200 : 410)
  })

  test('revoke: the live code stops working and no new one is made; the next request makes one', async () => {
    const old = entryOf('H11010500002')
    const res = await revoke(t, 'H11010500002')
    expect(res.json()).toEqual({ institution: { code: 'H11010500002', name: '北京市朝阳区团结湖社区卫生服务中心' }, revokedCode: old } satisfies OperatorEntryRevoked)
    expect(await publicStatus(t, old)).toBe(410)
    expect(await liveCodes(t, 'H11010500002')).toEqual([])
    expect((await revoke(t, 'H11010500002')).json()).toMatchObject({ revokedCode: null })
    const next = (await entry(t, 'H11010500002')).json() as OperatorEntryResult
    expect(next).toMatchObject({ issued: true, revokedCode: null })
    expect(await publicStatus(t, next.entryCode)).toBe(200)
  })

  test('an unknown institution is a 404 that names it; malformed codes and bodies are 400s', async () => {
    const res = await entry(t, 'H99999900001')
    expect(err(res)).toEqual([404, 'not_found'])
    expect((res.json() as Err).error.message).toBe('没有编码为 H99999900001 的医药机构，请核对机构编码')
    expect(err(await entry(t, 'h31010400001'))).toEqual([400, 'validation_failed'])
    expect(err(await entry(t, 'H31010400001', { renew: true, extra: 1 }))).toEqual([400, 'validation_failed'])
    expect(err(await entry(t, 'H31010400001', { wxacodeEnv: 'beta' }))).toEqual([400, 'validation_failed'])
  })

  test('with PUBLIC_BASE_URL the URL is on it', async () => {
    const pub = await makeTestApp({ handle: t.handle, seed: false, env: { PUBLIC_BASE_URL: 'https://yibao.example.cn' } })
    try {
      const r = (await entry(pub, 'P31010400001')).json() as OperatorEntryResult
      expect([r.url, r.urlIsPublic]).toEqual([`https://yibao.example.cn/h/${entryOf('P31010400001')}`, true])
    } finally {
      await pub.close()
    }
  })

  describe('npm run qr', () => {
    let url: string
    let adminUrl: string
    beforeAll(async () => {
      await t.app.listen({ host: '127.0.0.1', port: 0 })
      url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
      await t.admin.listen({ host: '127.0.0.1', port: 0 })
      adminUrl = `http://127.0.0.1:${(t.admin.server.address() as AddressInfo).port}`
    })

    test('writes the URL\'s QR code as PNG and SVG (error correction Q, quiet zone) and prints the URL, the files and the PUBLIC_BASE_URL warning', async () => {
      const out = mkdtempSync(join(tmpdir(), 'qr-'))
      const r = await npmRunQr(['H31010400001', '--out', out, '--server', adminUrl])
      const code = entryOf('H31010400001')
      const printed = `${url}/h/${code}` // no PUBLIC_BASE_URL: the public listener's address, the port it listens on
      expect([r.code, r.stderr]).toEqual([0, ''])
      const lines = r.stdout.trimEnd().split('\n')
      expect(lines.slice(0, 7)).toEqual([
        '上海市徐汇区滨江医院（H31010400001）', `入口码：${code}（在用）`, `二维码网址：${printed}`,
        `微信小程序码：scene h=${code}，页面 ${PAGE}`, '已写入：', `  ${join(out, 'H31010400001.png')}`, `  ${join(out, 'H31010400001.svg')}`,
      ])
      expect(lines[7]).toMatch(/^注意：服务端没有设置 PUBLIC_BASE_URL/)
      expect(lines[8]).toMatch(/^没有生成微信小程序码：服务端没有配置微信凭据/)
      expect(readdirSync(out).sort()).toEqual(['H31010400001.png', 'H31010400001.svg'])

      // The SVG is the URL's code at level Q with a 4-module quiet zone on each side.
      const modules = QRCode.create(printed, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel }).modules.size
      const svg = readFileSync(join(out, 'H31010400001.svg'), 'utf8')
      expect(svg).toContain(`viewBox="0 0 ${modules + 8} ${modules + 8}"`)
      expect(svg).toBe(await QRCode.toString(printed, { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 }))
      const png = readFileSync(join(out, 'H31010400001.png'))
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 1200])
    })

    test('--renew: a new code, the old poster answers 410; --revoke: the code stops working', async () => {
      const out = mkdtempSync(join(tmpdir(), 'qr-'))
      const old = entryOf('H31010400003')
      const r = await npmRunQr(['H31010400003', '--renew', '--out', out], { ADMIN_PORT: adminUrl.split(':').pop()! })
      expect(r.code).toBe(0)
      const made = /入口码：([0-9A-Z]{8})（新生成；原入口码 ([0-9A-Z]{8}) 已停用）/.exec(r.stdout)
      expect(made?.[2]).toBe(old)
      expect(await publicStatus(t, old)).toBe(410)
      expect(await publicStatus(t, made![1]!)).toBe(200)
      expect(r.stdout).toContain(`二维码网址：${url}/h/${made![1]!}`)

      const gone = await npmRunQr(['h31010400003', '--revoke', '--server', adminUrl])
      expect([gone.code, gone.stdout]).toEqual([0,
        `上海市徐汇区枫林社区卫生服务中心（H31010400003）的入口码 ${made![1]!} 已停用，张贴的二维码随即失效。需要新的二维码时运行 npm run qr -- H31010400003\n`])
      expect(await publicStatus(t, made![1]!)).toBe(410)
    })

    test('the server\'s refusals are passed on in Chinese; a wrong token and a missing server are explained', async () => {
      const errs: string[] = []
      const cwd = mkdtempSync(join(tmpdir(), 'qr-'))
      expect(await run(['H99999900001', '--server', adminUrl], scriptEnv, () => undefined, (s) => errs.push(s), cwd)).toBe(1)
      expect(errs[0]).toBe('未能完成（HTTP 404）：没有编码为 H99999900001 的医药机构，请核对机构编码\n')
      expect(await run(['H31010400001', '--server', adminUrl], { ...scriptEnv, OPERATOR_TOKEN: 'wrong' }, () => undefined, (s) => errs.push(s), cwd)).toBe(1)
      expect(errs[1]).toMatch(/^未能完成（HTTP 403）：操作员口令不对/)
      expect(await run(['H31010400001', '--server', 'http://127.0.0.1:9'], scriptEnv, () => undefined, (s) => errs.push(s), cwd)).toBe(1)
      expect(errs[2]).toMatch(/^无法连接服务 http:\/\/127\.0\.0\.1:9/)
      expect(readdirSync(cwd)).toEqual([])
    })

    test('the operator token goes to this computer only: any other --server or SERVER_URL is refused before a request is made', async () => {
      const fetchSpy = jest.spyOn(globalThis, 'fetch')
      try {
        const refused: [string[], NodeJS.ProcessEnv, string][] = [
          [['--server', 'https://yibao.example.cn'], {}, '--server'],
          [['--server', 'http://127.0.0.1@evil.example:12393'], {}, '--server'],
          [['--server', 'http://127.0.0.1.evil.example'], {}, '--server'],
          [['--server', 'http://evil.example\\@127.0.0.1'], {}, '--server'],
          [['--server', 'http://10.0.0.5:12393'], {}, '--server'],
          [['--server', 'ftp://127.0.0.1'], {}, '--server'],
          [['--server', '127.0.0.1:12393'], {}, '--server'],
          [[], { SERVER_URL: 'http://192.0.2.10:12393' }, 'SERVER_URL'],
          [[], { ADMIN_PORT: '12394@evil.example' }, 'ADMIN_PORT'],
        ]
        for (const [args, env, from] of refused) {
          const errs: string[] = []
          const cwd = mkdtempSync(join(tmpdir(), 'qr-'))
          expect(await run(['H31010400001', ...args], { ...env, ADMIN_FILE: noAdminFile, OPERATOR_TOKEN: 'operator-token-that-must-stay-here-0123456789' }, () => undefined, (s) => errs.push(s), cwd)).toBe(2)
          expect(errs).toHaveLength(1)
          expect(errs[0]).toMatch(new RegExp(`^${from} (只能是本机地址（127\\.0\\.0\\.1、::1 或 localhost）|不是有效的网址)`))
          expect(readdirSync(cwd)).toEqual([])
        }
        expect(fetchSpy).not.toHaveBeenCalled()
      } finally {
        fetchSpy.mockRestore()
      }
      // This computer's addresses, however written, pass; the path stays, a trailing slash goes.
      expect(operatorServer('http://127.0.0.1:12393/', '--server')).toEqual({ base: 'http://127.0.0.1:12393' })
      expect(operatorServer('http://[::1]:8080', '--server')).toEqual({ base: 'http://[::1]:8080' })
      expect(operatorServer('http://LOCALHOST:8080/yibao/', 'SERVER_URL')).toEqual({ base: 'http://localhost:8080/yibao' })
      expect(operatorServer('https://localhost', 'SERVER_URL')).toEqual({ base: 'https://localhost' })
      // The URL the tests above use.
      expect(operatorServer(adminUrl, '--server')).toEqual({ base: adminUrl })
    })

    test('argument errors print the usage and exit 2', async () => {
      expect(parseArgs(['h31010400001', '--renew', '--out', 'x', '--wxacode-env', 'trial'])).toEqual({
        institutionCode: 'H31010400001', renew: true, revoke: false, out: 'x', wxacodeEnv: 'trial',
      })
      expect(parseArgs(['P31010400001'])).toEqual({ institutionCode: 'P31010400001', renew: false, revoke: false, out: 'qr-codes' })
      for (const argv of [[], ['H1', 'H2'], ['12345'], ['H31010400001', '--renew', '--revoke'], ['H31010400001', '--out'],
        ['H31010400001', '--wxacode-env', 'beta'], ['H31010400001', '--what']]) {
        const errs: string[] = []
        expect(await run(argv, {}, () => undefined, (s) => errs.push(s))).toBe(2)
        expect(errs[0]).toContain(USAGE)
      }
    })
  })
})

describe('with WeChat credentials (the fake WeChat server)', () => {
  let t: TestApp
  let fake: FakeWechatServer
  const lines: string[] = []
  beforeAll(async () => {
    fake = await startWechatServer({ pages: ['pages/index/index', PAGE] })
    const stream = new Writable({ write (chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
    t = await makeTestApp({
      env: { WECHAT_APPID: fake.appId, WECHAT_SECRET: fake.secret, WECHAT_API_BASE: fake.url, PUBLIC_BASE_URL: 'https://yibao.example.cn',
        ENTRY_RATE_PER_MINUTE: '1000', OPERATOR_TOKEN: 'operator-token-for-the-qr-tests-0123456789' },
      logger: { ...loggerOptions('debug'), stream },
    })
  })
  afterAll(async () => {
    await t.close()
    await fake.close()
  })
  const headers = { 'x-operator-token': 'operator-token-for-the-qr-tests-0123456789' }

  test('the mini-program code: scene h=<code>, the hospital page, the released build, 1280 px; its PNG comes back', async () => {
    const r = (await entry(t, 'H44010600001', {}, headers)).json() as OperatorEntryResult
    const code = entryOf('H44010600001')
    expect(r).toMatchObject({ entryCode: code, url: `https://yibao.example.cn/h/${code}`, urlIsPublic: true, wxacodeNote: null })
    expect(fake.wxacodes.at(-1)).toMatchObject({ scene: `h=${code}`, page: PAGE, checkPath: true, envVersion: 'release', width: 1280 })
    expect(r.wxacode).toEqual({ contentType: 'image/png', base64: fake.wxacodes.at(-1)!.png.toString('base64') })
  })

  test('a trial build is asked for with check_path false', async () => {
    const r = (await entry(t, 'H44010600002', { wxacodeEnv: 'trial' }, headers)).json() as OperatorEntryResult
    expect(r.wxacode).not.toBeNull()
    expect(fake.wxacodes.at(-1)).toMatchObject({ scene: `h=${entryOf('H44010600002')}`, checkPath: false, envVersion: 'trial' })
  })

  test('WeChat refusing or down: the entry code and URL still come, with a sentence saying why there is no mini-program code', async () => {
    fake.queue.push({ path: '/wxa/getwxacodeunlimit', answer: { errcode: 41030 } })
    const refused = (await entry(t, 'P44010600001', { renew: true }, headers)).json() as OperatorEntryResult
    expect(refused).toMatchObject({ issued: true, wxacode: null, wxacodeNote: expect.stringContaining('41030') })
    expect(await publicStatus(t, refused.entryCode)).toBe(200)
    fake.queue.push({ path: '/wxa/getwxacodeunlimit', answer: { errcode: 45009 } })
    expect(((await entry(t, 'P44010600001', {}, headers)).json() as OperatorEntryResult).wxacodeNote).toContain('5000')
    fake.queue.push({ path: '/wxa/getwxacodeunlimit', answer: { status: 503, body: '' } })
    expect(((await entry(t, 'P44010600001', {}, headers)).json() as OperatorEntryResult).wxacodeNote).toContain('暂时无法连接微信')
    const log = lines.join('')
    expect(log).toContain('wxacode refused')
    expect(log).toContain('wxacode unavailable')
  })

  test('npm run qr writes the mini-program code next to the URL\'s code', async () => {
    await t.admin.listen({ host: '127.0.0.1', port: 0 })
    const url = `http://127.0.0.1:${(t.admin.server.address() as AddressInfo).port}`
    const out = mkdtempSync(join(tmpdir(), 'qr-'))
    const r = await npmRunQr(['H33010600001', '--out', out, '--server', url], { OPERATOR_TOKEN: headers['x-operator-token'] })
    expect([r.code, r.stderr]).toEqual([0, ''])
    expect(readdirSync(out).sort()).toEqual(['H33010600001-wxacode.png', 'H33010600001.png', 'H33010600001.svg'])
    expect(readFileSync(join(out, 'H33010600001-wxacode.png')).equals(fake.wxacodes.at(-1)!.png)).toBe(true)
    expect(r.stdout).toContain(`二维码网址：https://yibao.example.cn/h/${entryOf('H33010600001')}`)
    expect(r.stdout).toContain(join(out, 'H33010600001-wxacode.png'))
    expect(r.stdout).not.toContain('PUBLIC_BASE_URL')
    expect(r.stdout).not.toContain('没有生成微信小程序码')
  })

  test('the operator token, the access token and the image never reach the log', async () => {
    const log = lines.join('')
    expect(log).toContain('/api/v1/operator/institutions/')
    for (const secret of [headers['x-operator-token'], fake.currentToken!, fake.wxacodes[0]!.png.toString('base64').slice(0, 40)]) {
      expect(log).not.toContain(secret)
    }
  })
})
