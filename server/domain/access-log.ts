// Every read of account data leaves a row: who read what, when, through which build and from which entry scene —
// what the later 谁查看了我的数据 page shows the person. The channel and scene are what the client says
// (X-Client-Channel, X-Entry-Scene headers); they describe, they never authorise.
import type { IncomingHttpHeaders } from 'node:http'
import type { Db } from '../db'
import { accessLogs } from '../db/schema'

export type AccessResource = 'account' | 'contributions' | 'spending' | 'spending_detail' | 'claims' | 'claim_detail'
  /** 我在这里的消费和报销 on a hospital's page (resource id: the institution's code). */
  | 'institution'

const CHANNELS = new Set(['weapp', 'alipay', 'h5'])

/** The client's own words about where the request came from, cleaned: a known channel, a short scene. */
export function clientContext (req: { headers: IncomingHttpHeaders }): { channel: string | null; scene: string | null } {
  const channel = String(req.headers['x-client-channel'] ?? '')
  const scene = String(req.headers['x-entry-scene'] ?? '').slice(0, 64).replace(/[^0-9A-Za-z_.:-]/g, '')
  return { channel: CHANNELS.has(channel) ? channel : null, scene: scene || null }
}

/** Who read: the person themself, or a family member through a share grant (which one is recorded). */
export type AccessActor = { actor?: 'self' } | { actor: 'share'; shareGrantId: number }

/** `db` may be a transaction, so that a share view's count and its log row commit together. */
export async function recordAccess (db: Db, v: {
  personId: number; sessionId: number | null; resource: AccessResource; resourceId?: string | number | null
  channel: string | null; scene: string | null; at: Date
} & AccessActor): Promise<void> {
  await db.insert(accessLogs).values({
    personId: v.personId, sessionId: v.sessionId, resource: v.resource,
    resourceId: v.resourceId == null ? null : String(v.resourceId), channel: v.channel, scene: v.scene, at: v.at,
    ...(v.actor === 'share' ? { actor: 'share', shareGrantId: v.shareGrantId } : { actor: 'self' }),
  })
}
