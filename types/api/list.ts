// What every account list shares: keyset pages (newest first, an opaque cursor, limit ≤ 100) and the time range.
import { Type, type Static, type TSchema } from 'typebox'

export const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description: '日期（中国时间），如 2026-11-20' })

/** Query parameters of every list: `from` and `to` are inclusive China dates. */
export const PageQuery = Type.Object({
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: '上一页应答中的 nextCursor，原样传回' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: '每页条数，最多 100' })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
})
export type PageQuery = Static<typeof PageQuery>

/** `{ items, nextCursor }`: nextCursor is null on the last page. */
export const Page = <T extends TSchema>(item: T) => Type.Object({
  items: Type.Array(item),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
