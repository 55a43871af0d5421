// Secrets at rest: random tokens (kept as SHA-256), keyed lookup hashes, AES-256-GCM for ID numbers and phones,
// and scrypt for card query passwords.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto'

export function newToken (): string {
  return randomBytes(32).toString('base64url')
}

export function sha256Hex (s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex')
}

/** A six-digit code from a CSPRNG. */
export function newNumericCode (digits = 6): string {
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0')
}

export class DataCipher {
  private readonly encKey: Buffer
  private readonly macKey: Buffer

  /** `secret` is the operator's DATA_KEY; two independent keys are derived from it. */
  constructor (secret: string) {
    if (secret.length < 16) throw new Error('DATA_KEY must be at least 16 characters')
    this.encKey = createHash('sha256').update(`enc:${secret}`).digest()
    this.macKey = createHash('sha256').update(`mac:${secret}`).digest()
  }

  /** Keyed hash for equality look-ups (ID number, phone) without storing the value. */
  lookupHash (value: string): string {
    return createHmac('sha256', this.macKey).update(value, 'utf8').digest('hex')
  }

  encrypt (plain: string): string {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', this.encKey, iv)
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  decrypt (sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.')
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format')
    const d = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'))
    d.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
  }
}

const scryptAsync = (pw: string, salt: Buffer, len: number) => new Promise<Buffer>((resolve, reject) =>
  scrypt(pw, salt, len, { N: 16384, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(key))))

export async function hashPassword (pw: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(pw, salt, 32)
  return `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword (pw: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts[0] !== 'scrypt' || parts.length !== 6) return false
  const salt = Buffer.from(parts[4]!, 'base64url'); const expected = Buffer.from(parts[5]!, 'base64url')
  const key = await scryptAsync(pw, salt, expected.length)
  return timingSafeEqual(key, expected)
}
