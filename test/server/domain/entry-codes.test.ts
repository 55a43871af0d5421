// Entry codes, the mini-program code's scene and the printed URL (server/domain/entry-codes.ts): WeChat's limits,
// round trips, and malformed input answered with nothing rather than a guess.
import fc from 'fast-check'
import {
  ENTRY_CODE_ALPHABET, H5_INVALID_ENTRY_LOCATION, HOSPITAL_PAGE, codeFromEntryUrl, codeFromScene, entryCodeFromBytes,
  entryUrl, h5HospitalLocation, isEntryCode, newEntryCode, sceneOf,
} from '../../../server/domain/entry-codes'
import { isWxaScene, SCENE_MAX_LENGTH } from '../../../server/domain/ports'
import { ENTRY_CODE_PATTERN } from '../../../types/api/institutions'

/** WeChat's documented scene characters, written out here rather than taken from the module under test. */
const WECHAT_SCENE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$&\'()*+,/:;=?@-._~'
const codeArb = fc.array(fc.constantFrom(...ENTRY_CODE_ALPHABET), { minLength: 8, maxLength: 8 }).map((a) => a.join(''))

describe('entry codes', () => {
  test('the alphabet is Crockford base32: 32 digits, no I, L, O or U', () => {
    expect(ENTRY_CODE_ALPHABET).toHaveLength(32)
    expect(new Set(ENTRY_CODE_ALPHABET).size).toBe(32)
    for (const ch of 'ILOU') expect(ENTRY_CODE_ALPHABET).not.toContain(ch)
  })

  test('new codes are 8 characters of the contract pattern, from node:crypto, and differ', () => {
    const codes = Array.from({ length: 2000 }, () => newEntryCode())
    for (const c of codes) expect(c).toMatch(new RegExp(ENTRY_CODE_PATTERN))
    expect(new Set(codes).size).toBe(codes.length)
    // Every digit shows up in every position over many codes (no stuck bits).
    for (let pos = 0; pos < 8; pos++) expect(new Set(codes.map((c) => c[pos])).size).toBe(32)
  })

  test('5 bytes spell exactly one code, most significant bits first', () => {
    expect(entryCodeFromBytes(new Uint8Array([0, 0, 0, 0, 0]))).toBe('00000000')
    expect(entryCodeFromBytes(new Uint8Array([255, 255, 255, 255, 255]))).toBe('ZZZZZZZZ')
    expect(entryCodeFromBytes(new Uint8Array([0, 0, 0, 0, 31]))).toBe('0000000Z')
    expect(entryCodeFromBytes(new Uint8Array([0x08, 0, 0, 0, 0]))).toBe('10000000')
    expect(() => entryCodeFromBytes(new Uint8Array(4))).toThrow()
    expect(newEntryCode(() => new Uint8Array([1, 2, 3, 4, 5]))).toBe(entryCodeFromBytes(new Uint8Array([1, 2, 3, 4, 5])))
  })

  test.each([
    'ABCD2345', '00000000', 'ZZZZZZZZ',
  ])('%p is a code', (c) => { expect(isEntryCode(c)).toBe(true) })

  test.each([
    ['lower case', 'abcd2345'], ['an I', 'ABCI2345'], ['an L', 'ABCL2345'], ['an O', 'ABCO2345'], ['a U', 'ABCU2345'],
    ['7 characters', 'ABCD234'], ['9 characters', 'ABCD23456'], ['a space', 'ABCD 345'], ['empty', ''],
    ['a newline after it', 'ABCD2345\n'], ['full-width digits', 'ＡＢＣＤ２３４５'], ['a number', 12345678], ['null', null],
  ])('%s is not a code', (_what, v) => { expect(isEntryCode(v)).toBe(false) })
})

describe('the mini-program code scene', () => {
  test('h=<code> is 10 characters WeChat accepts, and decodes back, raw or URL-encoded as the page receives it', () => {
    fc.assert(fc.property(codeArb, (code) => {
      const scene = sceneOf(code)
      expect(scene).toBe(`h=${code}`)
      expect(scene.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH)
      expect([...scene].every((ch) => WECHAT_SCENE_CHARS.includes(ch))).toBe(true)
      expect(isWxaScene(scene)).toBe(true)
      expect(codeFromScene(scene)).toBe(code)
      expect(codeFromScene(encodeURIComponent(scene))).toBe(code)
    }))
  })

  test('WeChat\'s limits: 1 to 32 characters, each from its set; %, spaces and Chinese never', () => {
    expect(isWxaScene('a'.repeat(32))).toBe(true)
    expect(isWxaScene('a'.repeat(33))).toBe(false)
    expect(isWxaScene('')).toBe(false)
    expect(isWxaScene(WECHAT_SCENE_CHARS.slice(0, 32))).toBe(true)
    expect(isWxaScene(WECHAT_SCENE_CHARS.slice(60))).toBe(true) // the punctuation, 25 characters
    for (const bad of ['%', ' ', '"', '<', '>', '\\', '^', '`', '{', '|', '}', '[', ']', '医', '\n', 'é']) {
      expect(isWxaScene(`h=${bad}`)).toBe(false)
    }
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      const ok = s.length >= 1 && s.length <= 32 && [...s].every((ch) => WECHAT_SCENE_CHARS.includes(ch))
      expect(isWxaScene(s)).toBe(ok)
    }))
    expect(() => sceneOf('abc')).toThrow()
  })

  test.each([
    ['another key', 'x=ABCD2345'], ['no key', 'ABCD2345'], ['extra parameters', 'h=ABCD2345&x=1'], ['a malformed code', 'h=ABCD234I'],
    ['lower case', 'h=abcd2345'], ['double-encoded', 'h%253DABCD2345'], ['a broken escape', 'h%3DABCD2345%'], ['a bad escape', 'h%E0%A4%A'],
    ['empty', ''], ['the string undefined', 'undefined'], ['too long', `h=ABCD2345${'0'.repeat(100)}`], ['not a string', { h: 'ABCD2345' }],
    ['a space inside', 'h= ABCD2345'], ['encoded Chinese', encodeURIComponent('h=医院')],
  ])('a scene with %s decodes to nothing', (_what, scene) => {
    expect(codeFromScene(scene)).toBeUndefined()
  })
})

describe('the printed URL', () => {
  test('<origin>/h/<code>, and back', () => {
    expect(entryUrl('https://yibao.example.cn', 'ABCD2345')).toBe('https://yibao.example.cn/h/ABCD2345')
    expect(entryUrl('https://yibao.example.cn/', 'ABCD2345')).toBe('https://yibao.example.cn/h/ABCD2345')
    expect(entryUrl('http://127.0.0.1:12393', 'ABCD2345')).toBe('http://127.0.0.1:12393/h/ABCD2345')
    fc.assert(fc.property(codeArb, (code) => {
      const url = entryUrl('https://yibao.example.cn', code)
      expect(codeFromEntryUrl(url)).toBe(code)
      expect(codeFromEntryUrl(url, 'https://yibao.example.cn')).toBe(code)
    }))
    expect(() => entryUrl('https://yibao.example.cn', 'abcd2345')).toThrow()
    expect(() => entryUrl('ftp://yibao.example.cn', 'ABCD2345')).toThrow()
  })

  test('what scanners add is tolerated: a trailing slash, a query, a fragment', () => {
    expect(codeFromEntryUrl('https://yibao.example.cn/h/ABCD2345/')).toBe('ABCD2345')
    expect(codeFromEntryUrl('https://yibao.example.cn/h/ABCD2345?from=poster')).toBe('ABCD2345')
    expect(codeFromEntryUrl('https://yibao.example.cn/h/ABCD2345#x')).toBe('ABCD2345')
    expect(codeFromEntryUrl('HTTPS://YIBAO.EXAMPLE.CN/h/ABCD2345', 'https://yibao.example.cn')).toBe('ABCD2345')
  })

  test.each([
    ['another origin when one is required', 'https://evil.example.com/h/ABCD2345', 'https://yibao.example.cn'],
    ['another port', 'https://yibao.example.cn:8443/h/ABCD2345', 'https://yibao.example.cn'],
    ['http when https is ours', 'http://yibao.example.cn/h/ABCD2345', 'https://yibao.example.cn'],
    ['a deeper path', 'https://yibao.example.cn/x/h/ABCD2345', undefined],
    ['extra segments', 'https://yibao.example.cn/h/ABCD2345/x', undefined],
    ['a malformed code', 'https://yibao.example.cn/h/ABCD234O', undefined],
    ['lower case', 'https://yibao.example.cn/h/abcd2345', undefined],
    ['no code', 'https://yibao.example.cn/h/', undefined],
    ['credentials', 'https://user:pw@yibao.example.cn/h/ABCD2345', undefined],
    ['another scheme', 'javascript:alert(1)//h/ABCD2345', undefined],
    ['not a URL', 'h/ABCD2345', undefined],
    ['a bad origin to compare with', 'https://yibao.example.cn/h/ABCD2345', 'not a url'],
    ['not a string', 42, undefined],
  ])('%s gives nothing', (_what, url, origin) => {
    expect(codeFromEntryUrl(url, origin)).toBeUndefined()
  })
})

test('where /h/<code> sends a browser: the hospital page of the H5 build, or 首页 saying the code was not read', () => {
  expect(HOSPITAL_PAGE).toBe('packages/hospital/pages/index/index')
  expect(h5HospitalLocation('ABCD2345')).toBe('/#/packages/hospital/pages/index/index?code=ABCD2345')
  expect(H5_INVALID_ENTRY_LOCATION).toBe('/#/pages/index/index?entry=invalid')
})
