// Platform identities: upserted at every platform login.
import { eq, sql } from 'drizzle-orm'
import type { Db } from '..'
import { platformIdentities } from '../schema'

export type IdentityRow = typeof platformIdentities.$inferSelect

export async function upsertIdentity (db: Db, v: { platform: 'wechat' | 'alipay'; subject: string; unionId?: string; now: Date }): Promise<IdentityRow> {
  const [row] = await db.insert(platformIdentities)
    .values({ platform: v.platform, subject: v.subject, unionId: v.unionId ?? null, createdAt: v.now, lastLoginAt: v.now })
    .onConflictDoUpdate({
      target: [platformIdentities.platform, platformIdentities.subject],
      set: { lastLoginAt: v.now, unionId: sql`coalesce(excluded.union_id, ${platformIdentities.unionId})` },
    })
    .returning()
  return row!
}

export async function findIdentityById (db: Db, id: number): Promise<IdentityRow | undefined> {
  const [row] = await db.select().from(platformIdentities).where(eq(platformIdentities.id, id)).limit(1)
  return row
}
