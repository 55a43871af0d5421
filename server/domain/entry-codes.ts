// Institution entry codes: what a hospital's printed QR code carries. Generation (random, Crockford base32), the format
// check, the WeChat mini-program code's `scene` (`h=<code>`), and the printed URL `<PUBLIC_BASE_URL>/h/<code>`.
//
// Everything here treats its input as untrusted: a scene or a URL is a routing hint anyone can print, so a decoder
// answers a well-formed code or nothing, never a best guess.
import { randomBytes } from 'node:crypto'
import { ENTRY_CODE_PATTERN } from '../../types/api/institutions'
import { isWxaScene, SCENE_MAX_LENGTH } from './ports'

/** Crockford's base32 digits: 0-9 and A-Z without I, L, O, U (no 1/I/L or 0/O mix-ups when read off a poster). */
export const ENTRY_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const ENTRY_CODE_LENGTH = 8
/** 8 base32 digits are exactly 40 bits: 5 bytes, every code equally likely. */
export const ENTRY_CODE_BYTES = 5

const ENTRY_CODE = new RegExp(ENTRY_CODE_PATTERN)

/** True for a string of exactly 8 upper-case Crockford base32 digits. */
export function isEntryCode (value: unknown): value is string {
  return typeof value === 'string' && ENTRY_CODE.test(value)
}

/** The code spelled by 5 bytes (40 bits, most significant first, 5 bits per digit). */
export function entryCodeFromBytes (bytes: Uint8Array): string {
  if (bytes.length !== ENTRY_CODE_BYTES) throw new Error(`an entry code takes ${ENTRY_CODE_BYTES} bytes, got ${bytes.length}`)
  let n = 0n
  for (const b of bytes) n = (n << 8n) | BigInt(b)
  let out = ''
  for (let i = ENTRY_CODE_LENGTH - 1; i >= 0; i--) out += ENTRY_CODE_ALPHABET[Number((n >> BigInt(i * 5)) & 31n)]
  return out
}

/** A new random code (node:crypto): 2^40 codes, so a guesser at the rate limit finds a live one practically never. */
export function newEntryCode (random: (size: number) => Uint8Array = randomBytes): string {
  return entryCodeFromBytes(random(ENTRY_CODE_BYTES))
}

// --- WeChat mini-program code (getwxacodeunlimit) -----------------------------------------------------------------

/** The page a mini-program code opens (no leading slash, no query: WeChat's rule for `page`). */
export const HOSPITAL_PAGE = 'packages/hospital/pages/index/index'
const SCENE_PREFIX = 'h='

/** The scene of a code's mini-program code: `h=<code>` (10 characters). */
export function sceneOf (code: string): string {
  if (!isEntryCode(code)) throw new Error('not an entry code')
  return `${SCENE_PREFIX}${code}`
}

/**
 * The entry code in a scene as the page receives it: WeChat hands `query.scene` URL-encoded (`h%3DABCD2345`), the
 * developer tools and some paths pass it decoded (`h=ABCD2345`); both are accepted. Anything else — another key,
 * extra parameters, a malformed code, a broken escape — is undefined.
 */
export function codeFromScene (raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > SCENE_MAX_LENGTH * 3) return undefined
  let scene = raw
  if (raw.includes('%')) {
    try { scene = decodeURIComponent(raw) } catch { return undefined }
  }
  if (!isWxaScene(scene) || !scene.startsWith(SCENE_PREFIX)) return undefined
  const code = scene.slice(SCENE_PREFIX.length)
  return isEntryCode(code) ? code : undefined
}

// --- the printed URL ----------------------------------------------------------------------------------------------

const ENTRY_PATH = /^\/h\/([^/]*)\/?$/

/** `<origin>/h/<code>`: the one URL printed on a hospital's poster (a plain-link rule in WeChat and Alipay). */
export function entryUrl (publicBaseUrl: string, code: string): string {
  if (!isEntryCode(code)) throw new Error('not an entry code')
  const base = new URL(publicBaseUrl)
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('the base URL must be http(s)')
  return `${base.origin}/h/${code}`
}

/**
 * The entry code in a printed URL: `http(s)://<host>/h/<code>` (a trailing slash tolerated, a query or fragment
 * ignored). With `origin`, the URL must be on that origin, so that a code copied onto another site's URL is not
 * taken for ours. Undefined for anything else.
 */
export function codeFromEntryUrl (url: unknown, origin?: string): string | undefined {
  if (typeof url !== 'string' || url.length > 2048) return undefined
  let u: URL
  try { u = new URL(url) } catch { return undefined }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined
  if (u.username || u.password) return undefined
  if (origin !== undefined) {
    let expected: string
    try { expected = new URL(origin).origin } catch { return undefined }
    if (u.origin !== expected) return undefined
  }
  const code = ENTRY_PATH.exec(u.pathname)?.[1]
  return isEntryCode(code) ? code : undefined
}

// --- where the H5 app shows it -------------------------------------------------------------------------------------

/** Where `GET /h/<code>` sends a browser: the hospital page of the H5 build (Taro's hash router). */
export const h5HospitalLocation = (code: string) => `/#/${HOSPITAL_PAGE}?code=${code}`
/** Where it sends anything else: 首页, which says the code could not be read. */
export const H5_INVALID_ENTRY_LOCATION = '/#/pages/index/index?entry=invalid'
