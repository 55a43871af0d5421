// The dev SMS provider (DEV_MODE=1 only): keeps each message in dev_sms_outbox and prints one line to stdout.
// Never used in production (createAdapters refuses), because it puts a verification code where people can read it.
import { devSmsOutbox } from '../db/schema'
import type { Db } from '../db'
import { maskPhone, type DataCipher, type SmsSender } from '../domain/ports'

/** What the line calls the code, by purpose; an unknown purpose still reads naturally. */
const PURPOSE_LABELS: Record<string, string> = { login: '登录' }

export function devSmsLine (msg: { phone: string; purpose: string; code: string; ttlSeconds: number }): string {
  const label = PURPOSE_LABELS[msg.purpose] ?? ''
  const ttl = msg.ttlSeconds % 60 === 0 ? `${msg.ttlSeconds / 60} 分钟` : `${msg.ttlSeconds} 秒`
  return `[开发短信] ${maskPhone(msg.phone)} ${label}验证码：${msg.code}（${ttl}内有效）\n`
}

export class DevSmsSender implements SmsSender {
  readonly kind = 'dev' as const
  private readonly db: Db
  private readonly cipher: DataCipher
  private readonly out: (line: string) => void

  constructor (deps: { db: Db; cipher: DataCipher; out?: (line: string) => void }) {
    this.db = deps.db
    this.cipher = deps.cipher
    // stdout, not the logger: the logger must never carry a code (plugins/logger.ts), and a developer wants to see it.
    this.out = deps.out ?? ((line) => { process.stdout.write(line) })
  }

  async send (msg: { phone: string; purpose: string; code: string; ttlSeconds: number }): Promise<void> {
    // The table, not process memory, so that GET /api/v1/dev/sms-outbox works with several server processes.
    await this.db.insert(devSmsOutbox).values({
      phoneHash: this.cipher.lookupHash(msg.phone),
      phoneMasked: maskPhone(msg.phone),
      purpose: msg.purpose,
      code: msg.code,
    })
    this.out(devSmsLine(msg))
  }
}
