// The entry store: one route per entry (the same options at launch and at the first show, or at the show after the
// scanner closed, route once), a new entry at a warm start routes again, the scene header the server's access log
// records, and 首页's one sentence for what could not be read.
import { EntryStore } from '../../../src/stores/entry-store'
import { parseEnterOptions, parseScan } from '../../../src/platform/entry-parse'

const HOSPITAL = 'packages/hospital/pages/index/index'
const launchAt = (code: string, scene = 1047) => parseEnterOptions({ path: HOSPITAL, query: { scene: `h%3D${code}` }, scene }, 'weapp')
const plainLink = (code: string, time: string) =>
  parseEnterOptions({ path: 'pages/index/index', query: { q: encodeURIComponent(`https://yibao.example.cn/h/${code}`), scancode_time: time }, scene: 1011 }, 'weapp')

it('routes a plain-link entry once, though launch and the first show both report it', () => {
  const store = new EntryStore()
  expect(store.sceneHeader).toBeNull()
  const entry = plainLink('H7K2M9PQ', '1')
  expect(store.arrive(entry)).toEqual({ url: '/packages/hospital/pages/index/index?code=H7K2M9PQ', how: 'relaunch' })
  expect(store.arrive(plainLink('H7K2M9PQ', '1'))).toBeNull()
  expect(store.sceneHeader).toBe('hospital:1011')
})

it('a warm start from a new scan routes to the new place; the same poster scanned again (a new scan time) too', () => {
  const store = new EntryStore()
  store.arrive(plainLink('H7K2M9PQ', '1'))
  expect(store.arrive(plainLink('ABCD2345', '2'))?.url).toBe('/packages/hospital/pages/index/index?code=ABCD2345')
  expect(store.arrive(plainLink('H7K2M9PQ', '3'))?.url).toBe('/packages/hospital/pages/index/index?code=H7K2M9PQ')
})

it('does not route where the platform already opened the page, but records the entry', () => {
  const store = new EntryStore()
  expect(store.arrive(launchAt('H7K2M9PQ'))).toBeNull()
  expect(store.sceneHeader).toBe('hospital:1047')
  // Back from the recent list: a plain open now.
  expect(store.arrive(parseEnterOptions({ path: 'pages/index/index', query: {}, scene: 1001 }, 'weapp'))).toBeNull()
  expect(store.sceneHeader).toBe('open:1001')
})

it('an unreadable entry lands on 首页 with one sentence, which 首页 takes once', () => {
  const store = new EntryStore()
  const route = store.arrive(parseEnterOptions({ path: HOSPITAL, query: { scene: 'h%3Dnope' }, scene: 1047 }, 'weapp'))
  expect(route).toEqual({ url: '/pages/index/index', how: 'relaunch' })
  expect(store.notice).toBe('二维码无法识别，请扫描医院医保窗口张贴的二维码')
  expect(store.takeNotice()).toBe('二维码无法识别，请扫描医院医保窗口张贴的二维码')
  expect(store.notice).toBeNull()
  // Landing on 首页 itself: the sentence, no route.
  expect(store.arrive(parseEnterOptions({ path: 'pages/index/index', query: { entry: 'invalid' }, scene: 1011 }, 'weapp'))).toBeNull()
  expect(store.notice).toMatch(/^二维码无法识别/)
  // A readable entry next: the old sentence no longer applies.
  store.arrive(plainLink('H7K2M9PQ', '9'))
  expect(store.notice).toBeNull()
})

it('a scan opens its page on top of 首页; an unreadable scan stays on 首页 with its own sentence', () => {
  const store = new EntryStore()
  store.arrive(parseEnterOptions({ path: 'pages/index/index', query: {}, scene: 1001 }, 'weapp'))
  expect(store.scanned(parseScan({ result: 'https://yibao.example.cn/h/H7K2M9PQ' }))).toEqual({ url: '/packages/hospital/pages/index/index?code=H7K2M9PQ', how: 'navigate' })
  expect(store.sceneHeader).toBe('scan:0')
  expect(store.scanned(parseScan({ result: '6901234567892' }))).toBeNull()
  expect(store.notice).toBe('二维码无法识别，请扫描医院医保窗口张贴的二维码')
  expect(store.scanned(parseScan({ result: 'hello' }, 'paste'))).toBeNull()
  expect(store.notice).toMatch(/^链接无法识别/)
  // The show that follows the scanner (the same options as before) changes nothing.
  expect(store.arrive(parseEnterOptions({ path: 'pages/index/index', query: {}, scene: 1001 }, 'weapp'))).toBeNull()
  expect(store.sceneHeader).toBe('scan:0')
})

it('a scanner that would not open says so on 首页', () => {
  const store = new EntryStore()
  expect(store.scanFailed()).toBeNull()
  expect(store.notice).toMatch(/扫一扫没有打开/)
})
