// The platform text-size readers that switch 长辈模式 on: WeChat's getAppBaseInfo and Alipay's getSystemInfoSync, each
// answering the person's size in px, nothing when the platform has no such field, and never throwing into startup.
import Taro from '@tarojs/taro'
import { platformFontSize as wechatFontSize } from '../../../src/platform/font-size.weapp'
import { platformFontSize as alipayFontSize } from '../../../src/platform/font-size.alipay'
import { platformFontSize as defaultFontSize } from '../../../src/platform/font-size'
import { DisplayStore } from '../../../src/stores/display-store'

const taro = Taro as unknown as Record<string, unknown>
const original = { getAppBaseInfo: taro.getAppBaseInfo, getSystemInfoSync: taro.getSystemInfoSync }
afterEach(() => Object.assign(taro, original))

const noPreferences = { get: async () => null, set: async () => undefined, remove: async () => undefined }

test.each([
  ['WeChat', 'getAppBaseInfo', wechatFontSize],
  ['Alipay', 'getSystemInfoSync', alipayFontSize],
] as const)('%s: the size from %s; a missing, odd or throwing answer is "not known"', (_name, api, read) => {
  taro[api] = () => ({ fontSizeSetting: 24 })
  expect(read()).toBe(24)
  expect(new DisplayStore(noPreferences, read).elder).toBe(true)
  taro[api] = () => ({ fontSizeSetting: 17 })
  expect(read()).toBe(17)
  expect(new DisplayStore(noPreferences, read).elder).toBe(false)
  for (const answer of [{}, { fontSizeSetting: '24' }, { fontSizeSetting: 0 }, undefined]) {
    taro[api] = () => answer
    expect(read()).toBeNull()
  }
  taro[api] = () => { throw new Error(`${api}:fail`) }
  expect(read()).toBeNull()
})

test('an old WeChat base library without getAppBaseInfo, and H5 (the browser\'s zoom decides): not known', () => {
  taro.getAppBaseInfo = undefined
  expect(wechatFontSize()).toBeNull()
  expect(defaultFontSize()).toBeNull()
})
