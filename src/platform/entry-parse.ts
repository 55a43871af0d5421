// How the person arrived, as one typed value: the pure parser behind every platform's entry reader (launch and show
// options, the H5 address, the in-app scanner). Everything an entry carries is a hint anyone can forge: only known
// pages with well-formed parameters become a target; anything else that tried to name one is `unreadable`.
import { HOME_PAGE, HOSPITAL_PAGE, SHARE_VIEW_PAGE, hospitalUrl, routeOf, shareViewUrl } from '../routes'

/** What the access log records as the entry scene's kind (`<kind>:<platform scene>`). */
export type EntryKind = 'hospital' | 'share' | 'other_app' | 'scan' | 'open'

export type EntryPlatform = 'weapp' | 'alipay' | 'h5'

/** Where an entry leads. `home` with a reason: something tried to name a page and could not be read. */
export type EntryTarget =
  | { page: 'hospital', code: string }
  | { page: 'share', token: string }
  | { page: 'home', unreadable: UnreadableSource }

/** What could not be read, for the sentence 首页 shows: a QR code at launch, a link, the scanner, a pasted link. */
export type UnreadableSource = 'qr' | 'link' | 'scan' | 'paste'

export interface Entry {
  kind: EntryKind
  /** The platform's scene number (WeChat 1047, Alipay 1011, …), 0 where there is none (H5, the in-app scanner). */
  scene: number
  /** Where to go; null: a plain open, nothing to follow. */
  target: EntryTarget | null
  /** The platform already opened the target's page with a query that names it (nothing to route). */
  landed: boolean
  /** The same entry seen twice (at launch and at the first show, or at a show after the scanner) has one key. */
  key: string
}

/** Launch / show options as WeChat, Alipay and Taro hand them over (every field optional: nothing is trusted). */
export interface EnterOptions {
  path?: string
  query?: Record<string, unknown> | null
  scene?: number | string
  referrerInfo?: { appId?: string, extraData?: unknown } | null
}

/** An in-app scan: the code's text, and WeChat's `path` when it is a mini-program code of this app. */
export interface ScanContent {
  result?: string | null
  path?: string | null
}

// The contract's ENTRY_CODE_PATTERN (types/api/institutions.ts; the client may not import its values, a unit test
// checks the two agree) and the share token (24 random bytes, base64url).
export const ENTRY_CODE_RE = /^[0-9A-HJKMNP-TV-Z]{8}$/
export const SHARE_TOKEN_RE = /^[A-Za-z0-9_-]{32}$/

// The routes an entry may name, as the framework reports them (no leading slash).
const HOME_ROUTE = routeOf(HOME_PAGE)
const HOSPITAL_ROUTE = routeOf(HOSPITAL_PAGE)
const SHARE_VIEW_ROUTE = routeOf(SHARE_VIEW_PAGE)

/** WeChat scenes that mean another mini-program opened this one (or this one came back from it). */
const OTHER_APP_SCENES = new Set([1037, 1038])

/** The page (absolute, with its query) a target opens. */
export function targetUrl (target: EntryTarget): string {
  switch (target.page) {
    case 'hospital': return hospitalUrl(target.code)
    case 'share': return shareViewUrl(target.token)
    case 'home': return HOME_PAGE
  }
}

/** A query value as a usable string: WeChat hands a missing `q` over as the string "undefined". */
function value (v: unknown): string | null {
  if (typeof v !== 'string') return null
  const s = v.trim()
  return s === '' || s === 'undefined' || s === 'null' ? null : s
}

function decode (s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

/** `a=1&b=2` as an object (each key and value URI-decoded; a broken escape drops that pair). */
export function parseQueryString (qs: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of qs.replace(/^\?/, '').split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const k = decode(eq < 0 ? part : part.slice(0, eq))
    const v = decode(eq < 0 ? '' : part.slice(eq + 1).replace(/\+/g, ' '))
    if (k != null && v != null) out[k] = v
  }
  return out
}

function normalizeRoute (path: string): string {
  return path.trim().replace(/^\/+/, '').replace(/\.html$/, '')
}

/** A WeChat mini-program code's scene, `h=<entry code>` (URL-encoded as the page receives it, or already decoded). */
export function codeFromScene (raw: string): string | null {
  const scene = decode(raw)
  const m = scene == null ? null : /^h=([^&]*)$/.exec(scene)
  return m && ENTRY_CODE_RE.test(m[1]!) ? m[1]! : null
}

function hospital (code: string | null): EntryTarget | null {
  return code != null && ENTRY_CODE_RE.test(code) ? { page: 'hospital', code } : null
}

function share (token: string | null): EntryTarget | null {
  return token != null && SHARE_TOKEN_RE.test(token) ? { page: 'share', token } : null
}

/**
 * What a page opened at `route` with `query` shows by itself: the hospital page reads `code`, or the `scene` of a
 * mini-program code, or the `q` of a plain-link QR rule that points at it; the family view reads `t`; 首页 reads
 * `entry=invalid` (the server's answer to a malformed printed URL) and `hospital` (another app's launch query).
 * Null: a page with nothing to follow (or an unknown page); 'unreadable': the page was named but its parameter was not.
 */
function pageTarget (route: string, query: Record<string, unknown>): EntryTarget | 'unreadable' | null {
  if (route === HOSPITAL_ROUTE) {
    const code = value(query.code)
    if (code != null) return hospital(code) ?? 'unreadable'
    const scene = value(query.scene)
    if (scene != null) return hospital(codeFromScene(scene)) ?? 'unreadable'
    const q = value(query.q)
    if (q != null) return urlTarget(decode(q) ?? '') ?? 'unreadable'
    return 'unreadable'
  }
  if (route === SHARE_VIEW_ROUTE) return share(value(query.t)) ?? 'unreadable'
  if (route === HOME_ROUTE) {
    if (value(query.entry) === 'invalid') return 'unreadable'
    const code = value(query.hospital)
    if (code != null) return hospital(code) ?? 'unreadable'
  }
  return null
}

/** The target of the page in an in-app path (`packages/…/index?x=y`, with or without a leading slash). */
export function pathTarget (path: string): EntryTarget | 'unreadable' | null {
  const q = path.indexOf('?')
  const route = normalizeRoute(q < 0 ? path : path.slice(0, q))
  return pageTarget(route, q < 0 ? {} : parseQueryString(path.slice(q + 1)))
}

/**
 * The target of a link: the printed URL (`https://<host>/h/<entry code>`), or an H5 address of a known page
 * (`https://<host>/#/packages/…?…`). The host is not checked: the code only opens this app's own page, and the
 * server decides what it shows. Null: not a link of this app's shape.
 */
export function urlTarget (text: string): EntryTarget | 'unreadable' | null {
  const m = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(\?[^#\s]*)?(#\S*)?$/i.exec(text.trim())
  if (!m) return null
  const pathname = m[1] ?? '/'
  const printed = /^\/h\/([^/]*)\/?$/.exec(pathname)
  if (printed) return hospital(decode(printed[1]!)) ?? 'unreadable'
  const hash = m[3]
  if (hash && hash.startsWith('#/')) return pathTarget(hash.slice(2))
  return null
}

function unreadable (source: UnreadableSource): EntryTarget {
  return { page: 'home', unreadable: source }
}

/** A target, or 首页 with the sentence for what tried to name one and could not be read. */
function orUnreadable (t: EntryTarget | 'unreadable' | null, source: UnreadableSource): EntryTarget {
  return t == null || t === 'unreadable' ? unreadable(source) : t
}

/** The platform opened `route` with `query`, and that page shows `target` by itself (or 首页 says it could not read). */
function hasLanded (target: EntryTarget | null, route: string, query: Record<string, unknown>): boolean {
  if (target == null) return false
  if (target.page === 'home') return route === HOME_ROUTE
  // Only these two pages show their target themselves (首页 routes on `hospital=`, it does not show it).
  if (route !== HOSPITAL_ROUTE && route !== SHARE_VIEW_ROUTE) return false
  const shown = pageTarget(route, query)
  return shown != null && shown !== 'unreadable' && targetUrl(shown) === targetUrl(target)
}

function kindOf (target: EntryTarget | null): EntryKind {
  return target?.page === 'hospital' ? 'hospital' : target?.page === 'share' ? 'share' : 'open'
}

function stableJson (v: unknown): string {
  if (v == null || typeof v !== 'object') return JSON.stringify(v ?? null)
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`).join(',')}}`
}

/**
 * A mini-program's launch or show options. Alipay hands a scanned plain QR code's URL over as `query.qrCode`, in
 * these options only (the page's own query never has it); WeChat a plain-link QR's URL as `query.q` (URL-encoded)
 * and a mini-program code's `scene` (URL-encoded `h=<code>`); another mini-program its `extraData` (or a launch
 * query `hospital=<code>`); a share card its page's path.
 */
export function parseEnterOptions (options: EnterOptions | null | undefined, platform: EntryPlatform): Entry {
  const o = options ?? {}
  const query: Record<string, unknown> = o.query && typeof o.query === 'object' ? o.query : {}
  const scene = Number(o.scene) || 0
  const route = normalizeRoute(typeof o.path === 'string' ? o.path : '')
  const referrer = o.referrerInfo && typeof o.referrerInfo === 'object' ? o.referrerInfo : null
  const fromApp = OTHER_APP_SCENES.has(scene) || value(referrer?.appId) != null
  const linkSource: UnreadableSource = fromApp || route === SHARE_VIEW_ROUTE ? 'link' : 'qr'

  const qrCode = platform === 'alipay' ? value(query.qrCode) : null
  const q = value(query.q)
  const sceneParam = value(query.scene)
  let target: EntryTarget | null
  if (qrCode != null) target = orUnreadable(urlTarget(qrCode), 'qr')
  else if (q != null) target = orUnreadable(urlTarget(decode(q) ?? ''), 'qr')
  else if (sceneParam != null && route !== HOSPITAL_ROUTE) target = orUnreadable(hospital(codeFromScene(sceneParam)), 'qr')
  else {
    const page = pageTarget(route, query)
    if (page != null) target = orUnreadable(page, linkSource)
    else if (fromApp && referrer?.extraData && typeof referrer.extraData === 'object') {
      target = extraDataTarget(referrer.extraData as Record<string, unknown>)
    } else target = null
  }

  // What the landing page itself receives: on Alipay, never the qrCode.
  const pageQuery = platform === 'alipay' ? { ...query, qrCode: undefined } : query
  return {
    kind: fromApp ? 'other_app' : kindOf(target),
    scene,
    target,
    landed: hasLanded(target, route, pageQuery),
    key: [platform, scene, route, stableJson(query), value(referrer?.appId) ?? '', stableJson(referrer?.extraData)].join('|'),
  }
}

/** Another mini-program's `extraData`: `{ hospital: '<entry code>' }` or `{ path: '<page>?<query>' }`. */
function extraDataTarget (extra: Record<string, unknown>): EntryTarget | null {
  const code = value(extra.hospital)
  if (code != null) return orUnreadable(hospital(code), 'link')
  const path = value(extra.path)
  if (path == null) return null
  const t = pathTarget(path)
  return t == null ? null : orUnreadable(t, 'link')
}

/**
 * The H5 address the browser opened: the hash route and its query (`/#/packages/hospital/pages/index/index?code=…`,
 * `/#/pages/index/index?entry=invalid`, the family view's `?t=`), or the printed `/h/<code>` if it reaches the app
 * itself. The page in the hash is the one Taro shows.
 */
export function parseH5Location (location: { pathname?: string, search?: string, hash?: string }): Entry {
  const pathname = location.pathname ?? '/'
  const hash = location.hash ?? ''
  const key = `h5|${pathname}|${location.search ?? ''}|${hash}`
  const printed = /^\/h\/([^/]*)\/?$/.exec(pathname)
  if (printed) {
    const target = orUnreadable(hospital(decode(printed[1]!)), 'qr')
    return { kind: kindOf(target), scene: 0, target, landed: false, key }
  }
  const hashPath = hash.startsWith('#/') ? hash.slice(2) : ''
  const cut = hashPath.indexOf('?')
  const route = normalizeRoute(cut < 0 ? hashPath : hashPath.slice(0, cut)) || HOME_ROUTE
  const query = cut < 0 ? {} : parseQueryString(hashPath.slice(cut + 1))
  const page = pageTarget(route, query)
  // 首页?entry=invalid is the server's answer to a printed URL with a malformed code.
  const target = page == null ? null : orUnreadable(page, route === HOME_ROUTE ? 'qr' : 'link')
  return { kind: kindOf(target), scene: 0, target, landed: hasLanded(target, route, query), key }
}

/**
 * The in-app scanner's answer (WeChat `scanCode`, Alipay `my.scan`, or a link pasted on H5): a mini-program code of
 * this app by its `path`, else its text as a link. Always a target: what cannot be read is `unreadable`.
 */
export function parseScan (content: ScanContent, source: 'scan' | 'paste' = 'scan'): Entry {
  const path = value(content.path)
  const text = value(content.result)
  let found: EntryTarget | 'unreadable' | null = path == null ? null : pathTarget(path)
  if ((found == null || found === 'unreadable') && text != null) {
    // A pasted in-app path (no host) is read like a mini-program code's path.
    found = urlTarget(text) ?? (/^\/?(pages|packages)\//.test(text) ? pathTarget(text) : null)
  }
  const target = orUnreadable(found, source)
  return { kind: 'scan', scene: 0, target, landed: false, key: `${source}|${path ?? ''}|${text ?? ''}` }
}

/** The code the hospital page shows, from its own query (`code`, or a mini-program code's `scene`, or a plain-link `q`). */
export function hospitalCodeFromQuery (query: Record<string, unknown> | null | undefined): string | null {
  const t = pageTarget(HOSPITAL_ROUTE, query ?? {})
  return t != null && t !== 'unreadable' && t.page === 'hospital' ? t.code : null
}
