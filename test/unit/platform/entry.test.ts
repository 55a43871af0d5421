// The entry parser's table of cases (every way in: mini-program code, plain-link QR, Alipay qrCode, H5 address,
// another app, a share card, the in-app scanner), and the platform readers: Alipay's qrCode in launch and show
// options (never the page's query), WeChat's current options, H5's address read once.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ENTRY_CODE_RE, hospitalCodeFromQuery, parseEnterOptions, parseH5Location, parseScan, targetUrl,
  type Entry, type EnterOptions, type EntryPlatform,
} from '../../../src/platform/entry-parse'
import { readEntry as readAlipay, whenRoutable as alipayRoutable } from '../../../src/platform/entry.alipay'
import { readEntry as readWeapp } from '../../../src/platform/entry.weapp'
import Taro from '@tarojs/taro'

const CODE = 'H7K2M9PQ'
const OTHER = 'ABCD2345'
const TOKEN = 'Ab3_-xYzAb3_-xYzAb3_-xYzAb3_-xYz'
const HOSPITAL = 'packages/hospital/pages/index/index'
const SHARE = 'packages/share/pages/view/index'
const printed = (code: string) => `https://yibao.example.cn/h/${code}`

type Expect = { kind: Entry['kind'], to: string | null, landed?: boolean }
const summary = (e: Entry): Expect => ({ kind: e.kind, to: e.target ? (e.target.page === 'home' ? `home:${e.target.unreadable}` : targetUrl(e.target)) : null, landed: e.landed })
const toHospital = (code: string) => `/${HOSPITAL}?code=${code}`
const toShare = `/${SHARE}?t=${TOKEN}`

it('the entry code pattern is the contract\'s', () => {
  // The contract module loads TypeBox (ESM, not for this layer): its source line is read instead.
  const contract = readFileSync(join(__dirname, '../../../types/api/institutions.ts'), 'utf8')
  expect(ENTRY_CODE_RE.source).toBe(/ENTRY_CODE_PATTERN = '([^']+)'/.exec(contract)![1])
})

describe('launch and show options', () => {
  const cases: Array<[string, EntryPlatform, EnterOptions | null, Expect]> = [
    // WeChat mini-program code: the platform opens the hospital page with the URL-encoded scene.
    ['mini-program code, encoded scene', 'weapp', { path: HOSPITAL, query: { scene: `h%3D${CODE}` }, scene: 1047 }, { kind: 'hospital', to: toHospital(CODE), landed: true }],
    ['mini-program code, decoded scene', 'weapp', { path: HOSPITAL, query: { scene: `h=${CODE}` }, scene: 1048 }, { kind: 'hospital', to: toHospital(CODE), landed: true }],
    ['mini-program code pointing at 首页', 'weapp', { path: 'pages/index/index', query: { scene: `h%3D${CODE}` }, scene: 1047 }, { kind: 'hospital', to: toHospital(CODE), landed: false }],
    ['malformed scene (letter I)', 'weapp', { path: HOSPITAL, query: { scene: 'h%3DH7K2M9PI' }, scene: 1047 }, { kind: 'open', to: 'home:qr', landed: false }],
    ['scene of another shape', 'weapp', { path: HOSPITAL, query: { scene: 'x%3D1%26h%3DH7K2M9PQ' }, scene: 1047 }, { kind: 'open', to: 'home:qr', landed: false }],
    ['lower-case code', 'weapp', { path: HOSPITAL, query: { scene: 'h=h7k2m9pq' }, scene: 1047 }, { kind: 'open', to: 'home:qr', landed: false }],
    ['scene with a broken escape', 'weapp', { path: HOSPITAL, query: { scene: 'h%E0%A4%A' }, scene: 1047 }, { kind: 'open', to: 'home:qr', landed: false }],
    // WeChat plain-link QR: the whole URL, URL-encoded, in q.
    ['plain link to 首页', 'weapp', { path: 'pages/index/index', query: { q: encodeURIComponent(printed(CODE)), scancode_time: '1764000000' }, scene: 1011 }, { kind: 'hospital', to: toHospital(CODE), landed: false }],
    ['plain link to the hospital page', 'weapp', { path: HOSPITAL, query: { q: encodeURIComponent(printed(CODE)) }, scene: 1011 }, { kind: 'hospital', to: toHospital(CODE), landed: true }],
    ['plain link with a trailing slash and query', 'weapp', { path: 'pages/index/index', query: { q: encodeURIComponent(`${printed(CODE)}/?from=poster`) }, scene: 1012 }, { kind: 'hospital', to: toHospital(CODE), landed: false }],
    ['plain link, H5 hash address', 'weapp', { path: 'pages/index/index', query: { q: encodeURIComponent(`https://yibao.example.cn/#/${HOSPITAL}?code=${CODE}`) }, scene: 1011 }, { kind: 'hospital', to: toHospital(CODE), landed: false }],
    ['plain link of an unknown shape', 'weapp', { path: 'pages/index/index', query: { q: encodeURIComponent('https://yibao.example.cn/about') }, scene: 1011 }, { kind: 'open', to: 'home:qr', landed: true }],
    ['plain link with a malformed code', 'weapp', { path: 'pages/index/index', query: { q: encodeURIComponent(printed('H7K2')) }, scene: 1011 }, { kind: 'open', to: 'home:qr', landed: true }],
    ['q missing: the string "undefined"', 'weapp', { path: 'pages/index/index', query: { q: 'undefined' }, scene: 1001 }, { kind: 'open', to: null, landed: false }],
    ['not a URL at all', 'weapp', { path: 'pages/index/index', query: { q: 'javascript%3Aalert(1)' }, scene: 1011 }, { kind: 'open', to: 'home:qr', landed: true }],
    // A plain open.
    ['recent list', 'weapp', { path: 'pages/index/index', query: {}, scene: 1001 }, { kind: 'open', to: null, landed: false }],
    ['nothing at all', 'weapp', null, { kind: 'open', to: null, landed: false }],
    ['another page, no query', 'weapp', { path: 'packages/account/pages/claims/index', query: {}, scene: 1001 }, { kind: 'open', to: null, landed: false }],
    // The hospital page named directly (another app's navigateToMiniProgram path, an Alipay code's page query).
    ['hospital page with a code', 'alipay', { path: HOSPITAL, query: { code: CODE }, scene: 1037, referrerInfo: { appId: '2021000000000001' } }, { kind: 'other_app', to: toHospital(CODE), landed: true }],
    ['hospital page, malformed code', 'weapp', { path: HOSPITAL, query: { code: 'DROP TABLE' }, scene: 1037 }, { kind: 'other_app', to: 'home:link', landed: false }],
    ['hospital page with no code', 'weapp', { path: HOSPITAL, query: {}, scene: 1001 }, { kind: 'open', to: 'home:qr', landed: false }],
    // A share card (scene 1007 / 1008): the family view opened by its path.
    ['share card, private chat', 'weapp', { path: SHARE, query: { t: TOKEN }, scene: 1007 }, { kind: 'share', to: toShare, landed: true }],
    ['share card, group chat', 'weapp', { path: SHARE, query: { t: TOKEN }, scene: 1008 }, { kind: 'share', to: toShare, landed: true }],
    ['share card, malformed token', 'weapp', { path: SHARE, query: { t: 'short' }, scene: 1007 }, { kind: 'open', to: 'home:link', landed: false }],
    ['share card, Alipay', 'alipay', { path: SHARE, query: { t: TOKEN }, scene: 1007 }, { kind: 'share', to: toShare, landed: true }],
    // Another mini-program: extraData or a launch query.
    ['extraData with a hospital', 'weapp', { path: 'pages/index/index', query: {}, scene: 1037, referrerInfo: { appId: 'wx123', extraData: { hospital: CODE } } }, { kind: 'other_app', to: toHospital(CODE), landed: false }],
    ['extraData with a path', 'weapp', { path: 'pages/index/index', query: {}, scene: 1037, referrerInfo: { appId: 'wx123', extraData: { path: `/${HOSPITAL}?code=${OTHER}` } } }, { kind: 'other_app', to: toHospital(OTHER), landed: false }],
    ['extraData with a path of no interest', 'weapp', { path: 'pages/index/index', query: {}, scene: 1037, referrerInfo: { appId: 'wx123', extraData: { path: 'pages/login/index' } } }, { kind: 'other_app', to: null, landed: false }],
    ['extraData with a malformed hospital', 'weapp', { path: 'pages/index/index', query: {}, scene: 1037, referrerInfo: { appId: 'wx123', extraData: { hospital: '../../x' } } }, { kind: 'other_app', to: 'home:link', landed: true }],
    ['extraData without an app is ignored', 'weapp', { path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: { extraData: { hospital: CODE } } }, { kind: 'open', to: null, landed: false }],
    ['launch query hospital=', 'weapp', { path: 'pages/index/index', query: { hospital: CODE }, scene: 1037, referrerInfo: { appId: 'wx123' } }, { kind: 'other_app', to: toHospital(CODE), landed: false }],
    ['首页?entry=invalid', 'weapp', { path: 'pages/index/index', query: { entry: 'invalid' }, scene: 1011 }, { kind: 'open', to: 'home:qr', landed: true }],
    // Alipay 关联普通二维码: the URL in query.qrCode, which the landing page never receives.
    ['Alipay qrCode to 首页', 'alipay', { path: 'pages/index/index', query: { qrCode: printed(CODE) }, scene: 1011 }, { kind: 'hospital', to: toHospital(CODE), landed: false }],
    ['Alipay qrCode to the hospital page', 'alipay', { path: HOSPITAL, query: { qrCode: printed(CODE) }, scene: 1011 }, { kind: 'hospital', to: toHospital(CODE), landed: false }],
    ['Alipay qrCode unreadable', 'alipay', { path: 'pages/index/index', query: { qrCode: 'https://elsewhere.example/promo' }, scene: 1011 }, { kind: 'open', to: 'home:qr', landed: true }],
    ['qrCode means nothing to WeChat', 'weapp', { path: 'pages/index/index', query: { qrCode: printed(CODE) }, scene: 1011 }, { kind: 'open', to: null, landed: false }],
  ]
  it.each(cases)('%s', (_name, platform, options, expected) => {
    expect(summary(parseEnterOptions(options, platform))).toEqual(expected)
  })

  it('the same options have the same key, whatever the order of their query; new options another', () => {
    const a = parseEnterOptions({ path: 'pages/index/index', query: { q: 'x', scancode_time: '1' }, scene: 1011 }, 'weapp')
    const b = parseEnterOptions({ scene: 1011, query: { scancode_time: '1', q: 'x' }, path: '/pages/index/index' }, 'weapp')
    const c = parseEnterOptions({ path: 'pages/index/index', query: { q: 'x', scancode_time: '2' }, scene: 1011 }, 'weapp')
    expect(a.key).toBe(b.key)
    expect(c.key).not.toBe(a.key)
  })

  it('keeps the platform scene number', () => {
    expect(parseEnterOptions({ path: HOSPITAL, query: { scene: `h%3D${CODE}` }, scene: '1047' }, 'weapp').scene).toBe(1047)
    expect(parseEnterOptions({ path: HOSPITAL, query: { scene: `h%3D${CODE}` } }, 'weapp').scene).toBe(0)
  })
})

describe('H5 address', () => {
  const cases: Array<[string, { pathname?: string, search?: string, hash?: string }, Expect]> = [
    ['the hospital page', { pathname: '/', hash: `#/${HOSPITAL}?code=${CODE}` }, { kind: 'hospital', to: toHospital(CODE), landed: true }],
    ['the hospital page, extra parameters', { pathname: '/', hash: `#/${HOSPITAL}?code=${CODE}&stamp=3` }, { kind: 'hospital', to: toHospital(CODE), landed: true }],
    ['the hospital page, malformed code', { pathname: '/', hash: `#/${HOSPITAL}?code=%3Cscript%3E` }, { kind: 'open', to: 'home:link', landed: false }],
    ['首页 after a malformed printed URL', { pathname: '/', hash: '#/pages/index/index?entry=invalid' }, { kind: 'open', to: 'home:qr', landed: true }],
    ['the family view', { pathname: '/', hash: `#/${SHARE}?t=${TOKEN}` }, { kind: 'share', to: toShare, landed: true }],
    ['the family view, malformed token', { pathname: '/', hash: `#/${SHARE}?t=${TOKEN}x` }, { kind: 'open', to: 'home:link', landed: false }],
    ['the printed URL reaching the app itself', { pathname: `/h/${CODE}`, hash: '' }, { kind: 'hospital', to: toHospital(CODE), landed: false }],
    ['a plain open', { pathname: '/', hash: '' }, { kind: 'open', to: null, landed: false }],
    ['another page', { pathname: '/', hash: '#/pages/login/index' }, { kind: 'open', to: null, landed: false }],
  ]
  it.each(cases)('%s', (_name, location, expected) => {
    expect(summary(parseH5Location(location))).toEqual(expected)
  })
})

describe('the in-app scanner', () => {
  const cases: Array<[string, Parameters<typeof parseScan>[0], 'scan' | 'paste', string]> = [
    ['WeChat: a mini-program code of this app, by its path', { result: '', path: `${HOSPITAL}?scene=h%3D${CODE}` }, 'scan', toHospital(CODE)],
    ['WeChat: the same with a leading slash', { result: 'x', path: `/${HOSPITAL}?scene=h%3D${CODE}` }, 'scan', toHospital(CODE)],
    ['a printed URL', { result: printed(CODE) }, 'scan', toHospital(CODE)],
    ['a printed URL over http, with spaces around', { result: ` http://yibao.example.cn/h/${CODE} ` }, 'scan', toHospital(CODE)],
    ['an H5 family link', { result: `https://yibao.example.cn/#/${SHARE}?t=${TOKEN}` }, 'scan', toShare],
    ['a pasted family link', { result: `https://yibao.example.cn/#/${SHARE}?t=${TOKEN}` }, 'paste', toShare],
    ['a pasted in-app path', { result: `/${HOSPITAL}?code=${CODE}` }, 'paste', toHospital(CODE)],
    ['a bar code', { result: '6901234567892' }, 'scan', 'home:scan'],
    ['someone else\'s link', { result: 'https://shop.example.com/item/1' }, 'scan', 'home:scan'],
    ['a pasted word', { result: '医院' }, 'paste', 'home:paste'],
    ['a malformed code in a printed URL', { result: printed('ABCDEFGI') }, 'scan', 'home:scan'],
    ['nothing', { result: null }, 'scan', 'home:scan'],
  ]
  it.each(cases)('%s', (_name, content, source, to) => {
    const entry = parseScan(content, source)
    expect(summary(entry)).toEqual({ kind: 'scan', to, landed: false })
    expect(entry.scene).toBe(0)
  })
})

it('the hospital page reads its code from code, a scene or a q, and nothing malformed', () => {
  expect(hospitalCodeFromQuery({ code: CODE })).toBe(CODE)
  expect(hospitalCodeFromQuery({ scene: `h%3D${CODE}` })).toBe(CODE)
  expect(hospitalCodeFromQuery({ q: encodeURIComponent(printed(CODE)), scancode_time: '1' })).toBe(CODE)
  expect(hospitalCodeFromQuery({ code: 'H7K2M9P' })).toBeNull()
  expect(hospitalCodeFromQuery({ code: 'H7K2M9PQ ', scene: 'h=ABCD2345' })).toBe(CODE) // code wins; values are trimmed
  expect(hospitalCodeFromQuery({})).toBeNull()
  expect(hospitalCodeFromQuery(undefined)).toBeNull()
})

describe('Alipay reader: qrCode in launch and show options only', () => {
  const g = globalThis as unknown as { my?: Record<string, unknown> }
  afterEach(() => { delete g.my })

  it('reads the URL from the launch options and from a warm start\'s show options', () => {
    const launch = readAlipay({ path: 'pages/index/index', query: { qrCode: printed(CODE) }, scene: 1011 })
    expect(summary(launch)).toEqual({ kind: 'hospital', to: toHospital(CODE), landed: false })
    const warm = readAlipay({ path: 'pages/index/index', query: { qrCode: printed(OTHER) }, scene: 1011 })
    expect(summary(warm)).toEqual({ kind: 'hospital', to: toHospital(OTHER), landed: false })
    expect(warm.key).not.toBe(launch.key)
  })

  it('routes even when Alipay opened the hospital page itself: that page never sees the qrCode', () => {
    const entry = readAlipay({ path: HOSPITAL, query: { qrCode: printed(CODE) }, scene: 1011 })
    expect(entry.landed).toBe(false)
    expect(hospitalCodeFromQuery({})).toBeNull() // what the page itself gets
  })

  it('falls back to my.getEnterOptionsSync when the hook passes nothing', () => {
    g.my = { getEnterOptionsSync: () => ({ path: 'pages/index/index', query: { qrCode: printed(CODE) }, scene: 1011 }) }
    expect(summary(readAlipay(undefined))).toEqual({ kind: 'hospital', to: toHospital(CODE), landed: false })
    g.my = {}
    expect(summary(readAlipay(undefined))).toEqual({ kind: 'open', to: null, landed: false })
  })

  it('a qrCode in a page\'s query (a forged page link) is not an Alipay entry', () => {
    expect(hospitalCodeFromQuery({ qrCode: printed(CODE) })).toBeNull()
  })

  it('routes on the next tick, never inside onShow itself', () => {
    jest.useFakeTimers()
    try {
      const go = jest.fn()
      alipayRoutable(go)
      expect(go).not.toHaveBeenCalled()
      jest.runAllTimers()
      expect(go).toHaveBeenCalledTimes(1)
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('WeChat reader', () => {
  const t = Taro as unknown as { getEnterOptionsSync?: jest.Mock, getLaunchOptionsSync?: jest.Mock }
  afterEach(() => { delete t.getEnterOptionsSync; delete t.getLaunchOptionsSync })

  it('uses the show options it is given, else the current enter options, never the launch options', () => {
    t.getEnterOptionsSync = jest.fn(() => ({ path: HOSPITAL, query: { scene: `h%3D${OTHER}` }, scene: 1047 }))
    t.getLaunchOptionsSync = jest.fn(() => ({ path: HOSPITAL, query: { scene: `h%3D${CODE}` }, scene: 1047 }))
    expect(summary(readWeapp({ path: HOSPITAL, query: { scene: `h%3D${CODE}` }, scene: 1047 }))).toMatchObject({ to: toHospital(CODE) })
    expect(summary(readWeapp(undefined))).toMatchObject({ kind: 'hospital', to: toHospital(OTHER) })
    expect(t.getLaunchOptionsSync).not.toHaveBeenCalled()
  })
})
