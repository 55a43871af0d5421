// 谁查看了我的数据: the access-log rows of one person, newest first, in keyset pages (the same cursors as the account
// lists), each said as a sentence — when, who (本人, or 家人 through which share), through which build, what.
// Reading this page is not itself logged: the log of reading the log would be all a person saw.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm'
import type { AccessLogItem, AccessLogPage, AccessLogQuery } from '../../types/api/access-logs'
import type { Db } from '../db'
import { accessLogs, shareGrants } from '../db/schema'
import { CursorCodec, type CursorScope } from './cursor'
import { AppError } from './errors'
import type { DataCipher } from './secrets'

const DEFAULT_LIMIT = 20
const CN_OFFSET = 8 * 3600_000
const CHANNEL_NAMES: Record<string, string> = { weapp: '微信小程序', alipay: '支付宝小程序', h5: '网页' }
const RESOURCE_NAMES: Record<string, string> = {
  account: '账户余额', contributions: '缴费记录', spending: '消费记录', spending_detail: '一笔消费的详情',
  claims: '报销进度', claim_detail: '一笔报销的详情', institution: '在一家医院的消费和报销',
}

const pad = (n: number) => String(n).padStart(2, '0')

/** `11月24日 08:12` in China time; the year too when it is not this year's. */
function when (at: Date, now: Date): string {
  const x = new Date(at.getTime() + CN_OFFSET)
  const thisYear = new Date(now.getTime() + CN_OFFSET).getUTCFullYear()
  const day = `${x.getUTCMonth() + 1}月${x.getUTCDate()}日`
  return `${x.getUTCFullYear() === thisYear ? '' : `${x.getUTCFullYear()}年`}${day} ${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}`
}

/** The page query, built apart so that a test can EXPLAIN it: the (person_id, at) index scanned backward. */
export function accessLogPageQuery (db: Db, a: {
  personId: number; limit: number; before?: { t: Date; id: number }; from?: Date; to?: Date; channel?: string; actor?: string
}) {
  const where: SQL[] = [eq(accessLogs.personId, a.personId)]
  if (a.before) where.push(sql`(${accessLogs.at}, ${accessLogs.id}) < (${a.before.t.toISOString()}::timestamptz, ${a.before.id}::bigint)`)
  if (a.from) where.push(gte(accessLogs.at, a.from))
  if (a.to) where.push(lt(accessLogs.at, a.to))
  if (a.channel) where.push(eq(accessLogs.channel, a.channel))
  if (a.actor) where.push(eq(accessLogs.actor, a.actor))
  return db.select({
    id: accessLogs.id, at: accessLogs.at, actor: accessLogs.actor, channel: accessLogs.channel, resource: accessLogs.resource,
    // The grant may be gone (deleted 30 days after it ended): then the family member is not named.
    recipientLabel: shareGrants.recipientLabel,
  }).from(accessLogs).leftJoin(shareGrants, and(eq(shareGrants.id, accessLogs.shareGrantId), eq(shareGrants.personId, accessLogs.personId)))
    .where(and(...where)).orderBy(desc(accessLogs.at), desc(accessLogs.id)).limit(a.limit)
}

export class AccessLogService {
  private readonly codec: CursorCodec
  constructor (private readonly db: Db, cipher: DataCipher, private readonly clock: { now (): Date }) {
    this.codec = new CursorCodec(cipher)
  }

  async list (personId: number, q: AccessLogQuery): Promise<AccessLogPage> {
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
      throw new AppError('validation_failed', '开始日期不能晚于结束日期，请重新选择日期范围')
    }
    const limit = q.limit ?? DEFAULT_LIMIT
    const scope: CursorScope = { personId, list: 'access-logs', filters: { from: q.from, to: q.to, channel: q.channel, actor: q.actor } }
    const key = q.cursor === undefined ? undefined : this.codec.decode(q.cursor, scope)
    const rows = await accessLogPageQuery(this.db, {
      personId, limit: limit + 1, channel: q.channel, actor: q.actor,
      before: key ? { t: new Date(key.t), id: key.id } : undefined,
      from: q.from === undefined ? undefined : new Date(`${q.from}T00:00:00+08:00`),
      to: q.to === undefined ? undefined : new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 24 * 3600_000),
    })
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    const now = this.clock.now()
    return {
      items: page.map((r): AccessLogItem => {
        const channelName = r.channel ? CHANNEL_NAMES[r.channel] ?? '未知渠道' : '未知渠道'
        const resourceName = RESOURCE_NAMES[r.resource] ?? '账户信息'
        const actor = r.actor === 'share' ? 'share' : 'self'
        const who = actor === 'share'
          ? `家人${r.recipientLabel ? `（${r.recipientLabel}）` : ''}通过你分享的链接`
          : `你本人${r.channel ? `在${channelName}中` : ''}`
        return {
          id: r.id, at: r.at.toISOString(), actor, channel: (r.channel as AccessLogItem['channel']) ?? null, channelName, resourceName,
          sentence: `${when(r.at, now)} ${who}查看了${resourceName}`,
        }
      }),
      nextCursor: rows.length > limit && last ? this.codec.encode({ t: last.at.toISOString(), id: last.id }, scope) : null,
    }
  }
}
