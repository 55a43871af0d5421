// Unit-layer stand-in for @tarojs/taro: the APIs the app and NutUI call, as jest.fn stubs (named and default).
const systemInfo = {
  platform: 'devtools', windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667,
  pixelRatio: 2, statusBarHeight: 20, fontSizeSetting: 16, SDKVersion: '3.8.12',
}

type Handler = (...args: unknown[]) => void
const listeners = new Map<string, Handler[]>()

export const eventCenter = {
  on (name: string, fn: Handler) { listeners.set(name, [...(listeners.get(name) ?? []), fn]) },
  off (name: string, fn?: Handler) { listeners.set(name, fn ? (listeners.get(name) ?? []).filter((f) => f !== fn) : []) },
  trigger (name: string, ...args: unknown[]) { (listeners.get(name) ?? []).forEach((fn) => fn(...args)) },
}

export const request = jest.fn()
export const login = jest.fn(async () => ({ code: 'wx-test-code', errMsg: 'login:ok' }))
export const navigateTo = jest.fn(async () => ({ errMsg: 'navigateTo:ok' }))
export const navigateBack = jest.fn(async () => ({ errMsg: 'navigateBack:ok' }))
export const reLaunch = jest.fn(async () => ({ errMsg: 'reLaunch:ok' }))
export const getCurrentPages = jest.fn(() => [{ route: 'pages/index/index' }, { route: 'pages/login/index' }])
export const getStorage = jest.fn(async () => { throw { errMsg: 'getStorage:fail data not found' } })
export const setStorage = jest.fn(async () => ({ errMsg: 'setStorage:ok' }))
export const removeStorage = jest.fn(async () => ({ errMsg: 'removeStorage:ok' }))

export const ENV_TYPE = { WEAPP: 'WEAPP', ALIPAY: 'ALIPAY', WEB: 'WEB' }
export const getEnv = jest.fn(() => 'WEB')
export const getWindowInfo = () => systemInfo
export const getSystemInfoSync = () => systemInfo
export const getDeviceInfo = () => systemInfo
export const getAppBaseInfo = () => systemInfo
export const pxTransform = (value: number) => `${value}px`
// Nothing is laid out in jsdom: each select() answers null and each selectAll() an empty list, as the real query
// does for nodes it cannot measure (NutUI's Tabs indexes into the selectAll answer).
export const createSelectorQuery = () => {
  const answers: unknown[] = []
  const query = {
    select: () => { answers.push(null); return query },
    selectAll: () => { answers.push([]); return query },
    boundingClientRect: () => query,
    fields: () => query,
    exec: (cb?: (res: unknown[]) => void) => cb?.(answers.slice()),
  }
  return query
}
export const getCurrentInstance = () => ({ router: { path: '/pages/index/index', params: {} }, page: null })
export const nextTick = (fn: () => void) => setTimeout(fn, 0)

// Lifecycle hooks run their callback once, as the page would on load.
export const useLoad = (fn: () => void) => { require('react').useEffect(() => { fn() }, []) }
export const useLaunch = useLoad
export const useDidShow = useLoad
export const useDidHide = () => undefined
export const useReady = useLoad
export const usePullDownRefresh = () => undefined

export const makePhoneCall = jest.fn(async () => ({ errMsg: 'makePhoneCall:ok' }))

const Taro = {
  eventCenter, request, login, navigateTo, navigateBack, reLaunch, getCurrentPages, getStorage, setStorage,
  removeStorage, ENV_TYPE, getEnv, getWindowInfo, getSystemInfoSync, getDeviceInfo, getAppBaseInfo, pxTransform,
  createSelectorQuery, getCurrentInstance, nextTick, useLoad, useLaunch, useDidShow, useDidHide, useReady,
  usePullDownRefresh, makePhoneCall,
}

export default Taro
