// Ambient declarations for the client build: asset imports, build-time constants and the Alipay global.
/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

/** The API origin, fixed at build time by config/index.ts ('' on H5 = same origin). */
declare const API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
  }
}

/** The few Alipay APIs src/platform/*.alipay.ts calls (Taro ships no typings for `my`). */
interface AlipayCallbacks<T> {
  success?: (res: T) => void
  fail?: (err: { error?: number, errorMessage?: string }) => void
}
declare const my: {
  getAuthCode (options: { scopes: 'auth_base' | 'auth_user' } & AlipayCallbacks<{ authCode: string }>): void
  setStorage (options: { key: string, data: unknown } & AlipayCallbacks<unknown>): void
  getStorage (options: { key: string } & AlipayCallbacks<{ data: unknown }>): void
  removeStorage (options: { key: string } & AlipayCallbacks<unknown>): void
}
