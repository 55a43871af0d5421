import { DataCipher, hashPassword, newNumericCode, newToken, sha256Hex, verifyPassword } from '../../../server/domain/secrets'

test('encryption round-trips, is randomised and detects tampering', () => {
  const c = new DataCipher('a-test-key-of-sufficient-length')
  const a = c.encrypt('11010519491231002X'); const b = c.encrypt('11010519491231002X')
  expect(a).not.toBe(b)
  expect(a).not.toContain('1949')
  expect(c.decrypt(a)).toBe('11010519491231002X')
  const parts = a.split('.'); parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BB' : 'AA')
  expect(() => c.decrypt(parts.join('.'))).toThrow()
  expect(() => new DataCipher('another-key-entirely!!').decrypt(a)).toThrow()
})

test('lookup hashes are stable per key and differ across keys', () => {
  const c1 = new DataCipher('key-one-key-one-key-one'); const c2 = new DataCipher('key-two-key-two-key-two')
  expect(c1.lookupHash('13800000001')).toBe(c1.lookupHash('13800000001'))
  expect(c1.lookupHash('13800000001')).not.toBe(c2.lookupHash('13800000001'))
  expect(c1.lookupHash('13800000001')).toMatch(/^[0-9a-f]{64}$/)
})

test('tokens and codes', () => {
  expect(newToken()).toMatch(/^[A-Za-z0-9_-]{43}$/)
  expect(newToken()).not.toBe(newToken())
  expect(newNumericCode(6)).toMatch(/^[0-9]{6}$/)
  expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
})

test('scrypt password hashes verify only the right password', async () => {
  const h = await hashPassword('246810')
  expect(h.startsWith('scrypt$')).toBe(true)
  expect(h).not.toContain('246810')
  await expect(verifyPassword('246810', h)).resolves.toBe(true)
  await expect(verifyPassword('246811', h)).resolves.toBe(false)
  await expect(verifyPassword('246810', 'garbage')).resolves.toBe(false)
})
