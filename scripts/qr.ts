// Operator command: the QR code to print for a hospital (or any institution): its URL `<PUBLIC_BASE_URL>/h/<entry
// code>` as PNG and SVG, and the WeChat mini-program code where the server has WeChat credentials.
//
//   npm run qr -- <机构编码> [--renew] [--revoke] [--out <目录>] [--wxacode-env release|trial|develop] [--server <地址>]
//
// It asks the running server's admin listener (POST /api/v1/operator/institutions/{code}/entry with the operator
// token; see server/admin.ts and scripts/admin-target.ts for how it finds both) for the institution's live entry code — the current one, or with
// --renew a new one, the old one revoked at once (a stolen or misprinted poster) — and writes, into --out (default
// qr-codes/, git-ignored): <机构编码>.png and <机构编码>.svg (the URL, error correction Q so that a scratched or
// stained poster still scans, and the 4-module quiet zone scanners need), and <机构编码>-wxacode.png when there is a
// mini-program code. --revoke only revokes the live code (DELETE on the same endpoint). The server must be this
// computer (--server / SERVER_URL on 127.0.0.1, ::1 or localhost): the operator token goes with every request.
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import QRCode from 'qrcode'
import { adminTarget } from './admin-target'
import type { OperatorEntryResult, OperatorEntryRevoked, WxacodeEnv } from '../types/api/institutions'

export const USAGE = '用法：npm run qr -- <机构编码> [--renew] [--revoke] [--out <目录>] [--wxacode-env release|trial|develop] [--server <地址>]\n' +
  '  --renew        停用现在的入口码，生成新的（旧海报上的二维码随即失效）\n' +
  '  --revoke       只停用现在的入口码，不生成新的\n' +
  '  --out          写入的目录，默认 qr-codes/\n' +
  '  --wxacode-env  微信小程序码打开的版本：release 正式版（默认）、trial 体验版、develop 开发版\n'

const ENVS: readonly WxacodeEnv[] = ['release', 'trial', 'develop']
/** The printed code: Q (25 % may be lost) for posters in public places; 4 modules of quiet zone, the standard's minimum. */
export const QR_OPTIONS = { errorCorrectionLevel: 'Q', margin: 4 } as const
/** Pixels of the PNG: about 1 mm per module at 300 dpi for a code of this length, plenty for a poster. */
const PNG_WIDTH = 1200

export { operatorServer } from './admin-target'

export interface ParsedArgs { institutionCode: string; renew: boolean; revoke: boolean; out: string; server?: string; wxacodeEnv?: WxacodeEnv }

export function parseArgs (argv: readonly string[]): ParsedArgs | { error: string } {
  const positional: string[] = []
  const o: Omit<ParsedArgs, 'institutionCode'> = { renew: false, revoke: false, out: 'qr-codes' }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const value = () => argv[++i]
    if (a === '--renew') {
      o.renew = true
    } else if (a === '--revoke') {
      o.revoke = true
    } else if (a === '--out' || a === '--server' || a === '--wxacode-env') {
      const v = value()
      if (v === undefined || v === '') return { error: `${a} 后面缺少取值` }
      if (a === '--out') o.out = v
      else if (a === '--server') o.server = v
      else if (ENVS.includes(v as WxacodeEnv)) o.wxacodeEnv = v as WxacodeEnv
      else return { error: `--wxacode-env 只能是 ${ENVS.join('、')}，收到“${v}”` }
    } else if (a.startsWith('--')) {
      return { error: `不认识的选项 ${a}` }
    } else {
      positional.push(a)
    }
  }
  if (positional.length !== 1) return { error: positional.length ? '只能给一个机构编码' : '需要机构编码（定点医药机构编码，如 H31010400001）' }
  const institutionCode = positional[0]!.trim().toUpperCase()
  if (!/^[A-Z][0-9A-Z]{5,31}$/.test(institutionCode)) return { error: `机构编码“${positional[0]!}”格式不对（如 H31010400001）` }
  if (o.renew && o.revoke) return { error: '--renew 和 --revoke 只能选一个' }
  return { institutionCode, ...o }
}

/** Writes the URL's QR code as PNG and SVG, and the mini-program code if there is one; returns the paths written. */
export async function writeCodes (dir: string, institutionCode: string, r: Pick<OperatorEntryResult, 'url' | 'wxacode'>): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const png = join(dir, `${institutionCode}.png`)
  const svg = join(dir, `${institutionCode}.svg`)
  await QRCode.toFile(png, r.url, { ...QR_OPTIONS, type: 'png', width: PNG_WIDTH })
  await writeFile(svg, await QRCode.toString(r.url, { ...QR_OPTIONS, type: 'svg' }))
  const written = [png, svg]
  if (r.wxacode) {
    const file = join(dir, `${institutionCode}-wxacode.${r.wxacode.contentType === 'image/jpeg' ? 'jpg' : 'png'}`)
    await writeFile(file, Buffer.from(r.wxacode.base64, 'base64'))
    written.push(file)
  }
  return written
}

type Answer = { status: number; json: unknown; text: string }

/** Runs the command; returns the exit code. `out` / `err` receive whole lines. */
export async function run (argv: readonly string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void,
  cwd = process.cwd()): Promise<number> {
  const parsed = parseArgs(argv)
  if ('error' in parsed) {
    err(`${parsed.error}\n${USAGE}`)
    return 2
  }
  const server = adminTarget(parsed.server, env)
  if ('error' in server) {
    err(`${server.error}\n`)
    return 2
  }
  const base = server.base
  const url = `${base}/api/v1/operator/institutions/${encodeURIComponent(parsed.institutionCode)}/entry`
  const headers: Record<string, string> = { 'x-operator-token': server.token }
  let answer: Answer
  try {
    const res = await fetch(url, parsed.revoke
      ? { method: 'DELETE', headers, signal: AbortSignal.timeout(30_000) }
      : {
          method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, signal: AbortSignal.timeout(30_000),
          body: JSON.stringify({ renew: parsed.renew, ...(parsed.wxacodeEnv ? { wxacodeEnv: parsed.wxacodeEnv } : {}) }),
        })
    const text = await res.text()
    let json: unknown
    try { json = JSON.parse(text) } catch { json = undefined }
    answer = { status: res.status, json, text }
  } catch {
    err(`无法连接服务 ${base}：请先用 npm start 启动服务，或用 --server 指定它的地址\n`)
    return 1
  }
  if (answer.status !== 200) {
    const message = (answer.json as { error?: { message?: string } } | undefined)?.error?.message
    const hint = answer.status === 404 && !message?.includes(parsed.institutionCode)
      ? '（这不是服务的管理端口：请用服务启动时打印的 admin listening on 地址）' : ''
    err(`未能完成（HTTP ${answer.status}）：${message ?? answer.text.slice(0, 200)}${hint}\n`)
    return 1
  }

  if (parsed.revoke) {
    const r = answer.json as OperatorEntryRevoked
    out(r.revokedCode
      ? `${r.institution.name}（${r.institution.code}）的入口码 ${r.revokedCode} 已停用，张贴的二维码随即失效。需要新的二维码时运行 npm run qr -- ${r.institution.code}\n`
      : `${r.institution.name}（${r.institution.code}）没有在用的入口码，无需停用\n`)
    return 0
  }

  const r = answer.json as OperatorEntryResult
  const dir = resolve(cwd, parsed.out)
  let files: string[]
  try {
    files = await writeCodes(dir, r.institution.code, r)
  } catch (e) {
    err(`入口码已就绪（${r.entryCode}，${r.url}），但写入 ${dir} 失败：${(e as Error).message}\n`)
    return 1
  }
  const status = !r.issued ? '（在用）' : r.revokedCode ? `（新生成；原入口码 ${r.revokedCode} 已停用）` : '（新生成）'
  const lines = [
    `${r.institution.name}（${r.institution.code}）`,
    `入口码：${r.entryCode}${status}`,
    `二维码网址：${r.url}`,
    `微信小程序码：scene ${r.scene}，页面 ${r.page}`,
    '已写入：',
    ...files.map((f) => `  ${f}`),
  ]
  if (!r.urlIsPublic) {
    lines.push('注意：服务端没有设置 PUBLIC_BASE_URL，上面的网址是这台电脑的本机地址，只能在本机试用。正式张贴前，请在服务端设置 ' +
      'PUBLIC_BASE_URL（在微信、支付宝登记过的 HTTPS 域名）并重启，再运行一次。')
  }
  if (r.wxacodeNote) lines.push(`没有生成微信小程序码：${r.wxacodeNote}`)
  out(`${lines.join('\n')}\n`)
  return 0
}

if (require.main === module) {
  void run(process.argv.slice(2), process.env, (s) => process.stdout.write(s), (s) => process.stderr.write(s))
    .then((code) => { process.exitCode = code })
}
