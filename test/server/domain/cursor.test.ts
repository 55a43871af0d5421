// Keyset cursors: round trip for the same person, list and filters; refused for anything else or any edit.
import { CursorCodec, type CursorScope } from '../../../server/domain/cursor'
import { DataCipher } from '../../../server/domain/secrets'

const codec = new CursorCodec(new DataCipher('a-test-data-key-that-is-long-enough-0123456789'))
const scope: CursorScope = { personId: 7, list: 'spending', filters: { from: '2026-01-01', to: undefined, type: 'pharmacy' } }
const key = { t: '2026-11-19T10:15:00.000Z', id: 12345 }
const refused = (f: () => unknown) => {
  try { f() } catch (e) { return (e as { code?: string }).code }
  return 'accepted'
}

test('round trip; filter order and undefined filters do not matter', () => {
  const cursor = codec.encode(key, scope)
  expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{32}$/)
  expect(codec.decode(cursor, scope)).toEqual(key)
  expect(codec.decode(cursor, { ...scope, filters: { type: 'pharmacy', from: '2026-01-01' } })).toEqual(key)
})

test('another person, list or filter is refused', () => {
  const cursor = codec.encode(key, scope)
  expect(refused(() => codec.decode(cursor, { ...scope, personId: 8 }))).toBe('cursor_invalid')
  expect(refused(() => codec.decode(cursor, { ...scope, list: 'claims' }))).toBe('cursor_invalid')
  expect(refused(() => codec.decode(cursor, { ...scope, filters: { ...scope.filters, type: 'inpatient' } }))).toBe('cursor_invalid')
  expect(refused(() => codec.decode(cursor, { ...scope, filters: { type: 'pharmacy' } }))).toBe('cursor_invalid')
})

test('an edited, forged or malformed cursor is refused', () => {
  const cursor = codec.encode(key, scope)
  const [, mac] = cursor.split('.')
  const forgedBody = Buffer.from(JSON.stringify([key.t, 1])).toString('base64url')
  expect(refused(() => codec.decode(`${forgedBody}.${mac}`, scope))).toBe('cursor_invalid')
  const other = new CursorCodec(new DataCipher('another-data-key-that-is-long-enough-987654321'))
  expect(refused(() => other.decode(cursor, scope))).toBe('cursor_invalid')
  for (const bad of ['', 'abc', 'a.b.c', `${cursor}x`, '.', `${Buffer.from('"x"').toString('base64url')}.${mac}`]) {
    expect(refused(() => codec.decode(bad, scope))).toBe('cursor_invalid')
  }
})
