// Where the operator scripts (qr.ts, claims-advance.ts) send their requests: the running server's admin listener on
// this computer, and the operator token to send with them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Hosts the operator token may be sent to: this computer's (the admin listener is bound to nothing else anyway). */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * The server's base URL if it is on this computer, else why not. `from` names where the address came from
 * (--server, SERVER_URL, ADMIN_PORT). WHATWG parsing first, so 127.0.0.1@evil.example or a backslash trick names its
 * real host.
 */
export function operatorServer (raw: string, from: string): { base: string } | { error: string } {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { error: `${from} 不是有效的网址：“${raw}”（应为本机地址，如 http://127.0.0.1:12394）` }
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) {
    return {
      error: `${from} 只能是本机地址（127.0.0.1、::1 或 localhost），收到“${raw}”：操作员口令会随请求发出，不能发往其他电脑。` +
        '请在运行服务的电脑上执行这个命令',
    }
  }
  return { base: `${url.origin}${url.pathname}`.replace(/\/+$/, '') }
}

/** What main.ts writes for the scripts: its admin listener and, when OPERATOR_TOKEN was not set, this run's token. */
interface AdminFile { url?: string; token?: string }

function readAdminFile (env: NodeJS.ProcessEnv): { path?: string; file?: AdminFile } {
  const dataDir = env.DATA_DIR || '.data'
  const path = env.ADMIN_FILE || (dataDir === 'memory://' ? undefined : join(dataDir, 'admin.json'))
  if (!path) return {}
  try {
    return { path, file: JSON.parse(readFileSync(path, 'utf8')) as AdminFile }
  } catch {
    return { path }
  }
}

/**
 * The admin listener and the token: --server, else SERVER_URL, else the URL in the server's admin file, else
 * 127.0.0.1:ADMIN_PORT (12394); OPERATOR_TOKEN, else the token in the admin file (a server without OPERATOR_TOKEN
 * makes one per run and writes it there, readable by this user only).
 */
export function adminTarget (server: string | undefined, env: NodeJS.ProcessEnv): { base: string; token: string } | { error: string } {
  const { path, file } = readAdminFile(env)
  const [raw, from] = server !== undefined ? [server, '--server']
    : env.SERVER_URL ? [env.SERVER_URL, 'SERVER_URL']
      : file?.url ? [file.url, path!]
        : [`http://127.0.0.1:${env.ADMIN_PORT || 12394}`, 'ADMIN_PORT']
  const target = operatorServer(raw, from)
  if ('error' in target) return target
  const token = env.OPERATOR_TOKEN || file?.token
  if (!token) {
    return {
      error: `没有操作员口令：请设置 OPERATOR_TOKEN（与服务端相同），或在服务所在的目录运行，让命令读取服务写下的 ${path ?? '<DATA_DIR>/admin.json'}` +
        '（服务端未设置 OPERATOR_TOKEN 时每次启动生成一个，写在这个只有本用户可读的文件里）',
    }
  }
  return { base: target.base, token }
}
