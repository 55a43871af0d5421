// Every read of account data leaves a row: who read what, when, through which build and from which entry scene —
// what the later 谁查看了我的数据 page shows the person. The channel and scene are what the client says
// (X-Client-Channel, X-Entry-Scene headers); they describe, they never authorise.
import type { FastifyRequest } from 'fastify'
import type { Db } from '../db'
import { accessLogs } from '../db/schema'

export type AccessResource = 'account' | 'contributions' | 'spending' | 'spending_detail' | 'claims' | 'claim_detail'

const CHANNELS = new Set(['weapp', 'alipay', 'h5'])

/** The client's own words about where the request came from, cleaned: a known channel, a short scene. */
export function clientContext (req: FastifyRequest): { channel: string | null; scene: string | null } {
  const channel = String(req.headers['x-client-channel'] ?? '')
  const scene = String(req.headers['x-entry-scene'] ?? '').slice(0, 64).replace(/[^0-9A-Za-z_.:-]/g, '')
  return { channel: CHANNELS.has(channel) ? channel : null, scene: scene || null }
}

export async function recordAccess (db: Db, v: {
  personId: number; sessionId: number | null; resource: AccessResource; resourceId?: string | number | null
  channel: string | null; scene: string | null; at: Date
}): Promise<void> {
  await db.insert(accessLogs).values({
    personId: v.personId, sessionId: v.sessionId, resource: v.resource,
    resourceId: v.resourceId == null ? null : String(v.resourceId), actor: 'self', channel: v.channel, scene: v.scene, at: v.at,
  })
}
