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
  /** Alipay certify (face): resultStatus 9000 done, 6001 cancelled, 6002 network, 4000 error — never trusted. */
  startAPVerify? (options: { url: string, certifyId: string } & AlipayCallbacks<{ resultStatus?: string }>): void
  /** The current entry's options (a scanned plain QR code's URL in `query.qrCode`). */
  getEnterOptionsSync? (): { path?: string, query?: Record<string, unknown>, scene?: number | string, referrerInfo?: { appId?: string, extraData?: unknown } }
  /** The camera scanner: `code` is the text read; error 10 is the person closing it. */
  scan? (options: { scanType?: string[], hideAlbum?: boolean } & AlipayCallbacks<{ code?: string, qrCode?: string, barCode?: string }>): void
  makePhoneCall? (options: { number: string } & AlipayCallbacks<unknown>): void
}

/**
 * The few WeChat APIs src/platform/*.weapp.ts calls on `wx` directly because Taro 4.2 does not wrap them
 * (face check 2.0 arrived after it). Members are optional: an old base library lacks them.
 */
interface WxFailure { errCode?: number, errMsg?: string }
interface WxGlobal {
  /** Face check 2.0 (base library ≥ 3.8.12): callbacks only; success does not mean the face passed. */
  requestFacialVerify?: (options: { verifyId: string, success?: (res: { errMsg?: string }) => void, fail?: (err: WxFailure) => void }) => void
  /** SOTER: which biometric modes the phone supports. */
  checkIsSupportSoterAuthentication?: (options: { success?: (res: { supportMode?: string[] }) => void, fail?: (err: WxFailure) => void }) => void
  /** SOTER: signs `challenge` with the device key once the person's finger or face is recognised. */
  startSoterAuthentication?: (options: {
    requestAuthModes: string[], challenge: string, authContent?: string,
    success?: (res: { resultJSON?: string, resultJSONSignature?: string }) => void, fail?: (err: WxFailure) => void
  }) => void
}
declare const wx: WxGlobal

/** Native WeChat components used from React (their props as the page passes them). */
declare namespace JSX {
  interface IntrinsicElements {
    'spending-chunk': {
      rows: readonly unknown[]
      visible: boolean
      elder: boolean
      onOpen: (event: { detail: { id: number | string } }) => void
    }
  }
}
