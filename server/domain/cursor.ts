// Opaque keyset cursors for the account lists: the last row's sort key (its time and id), bound to the person, the
// list and the filters it was made for, and sealed with a keyed hash. A cursor cannot be forged or edited, and one
// from another person, another list or other filters is refused (400 cursor_invalid) rather than silently
// answering a page of something else.
import { timingSafeEqual } from 'node:crypto'
import { AppError } from './errors'
import type { DataCipher } from './secrets'

/** Where the next page starts: strictly after (older than) this time, then this id. */
export interface CursorKey { t: string; id: number }

export interface CursorScope {
  personId: number
  /** Which list: 'contributions' | 'spending' | 'claims'. */
  list: string
  /** The filters of the request, as parsed (undefined ones left out). */
  filters: Record<string, string | number | undefined>
}

/** Canonical text of a scope: keys sorted, undefined dropped, so equal filters always give equal text. */
function scopeText (scope: CursorScope): string {
  const filters = Object.keys(scope.filters).sort()
    .filter((k) => scope.filters[k] !== undefined)
    .map((k) => `${k}=${String(scope.filters[k])}`)
    .join('&')
  return `${scope.personId}|${scope.list}|${filters}`
}

export class CursorCodec {
  constructor (private readonly cipher: DataCipher) {}

  encode (key: CursorKey, scope: CursorScope): string {
    const body = Buffer.from(JSON.stringify([key.t, key.id]), 'utf8').toString('base64url')
    return `${body}.${this.mac(body, scope)}`
  }

  decode (cursor: string, scope: CursorScope): CursorKey {
    const invalid = () => new AppError('cursor_invalid')
    const [body, mac, extra] = cursor.split('.')
    if (!body || !mac || extra !== undefined) throw invalid()
    const expected = Buffer.from(this.mac(body, scope), 'utf8')
    const given = Buffer.from(mac, 'utf8')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()
    let parsed: unknown
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    } catch {
      throw invalid()
    }
    if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid()
    const [t, id] = parsed as [unknown, unknown]
    if (typeof t !== 'string' || Number.isNaN(Date.parse(t)) || !Number.isSafeInteger(id) || (id as number) < 1) throw invalid()
    return { t, id: id as number }
  }

  private mac (body: string, scope: CursorScope): string {
    // 24 bytes of the keyed hash are plenty to make guessing pointless, and keep cursors short.
    return this.cipher.lookupHash(`cursor|${scopeText(scope)}|${body}`).slice(0, 32)
  }
}
