// The WeChat mini-program code client: `POST /wxa/getwxacodeunlimit?access_token=…` {scene, page, check_path,
// env_version, width} → the code's image (what `npm run qr` writes next to the printed URL's QR code).
//
// getwxacodeunlimit and not the other two code APIs: its codes never expire and have no count limit (the others share
// a lifetime cap of 100,000 codes); the price is that the page gets only a ≤ 32-character scene, which is why a
// hospital's code carries a short entry code (`h=<code>`) and not an institution's details.
//
// Answers: image bytes (PNG or JPEG, told by their signature) on success; otherwise a JSON body whose errcode becomes
// a WxacodeError the operator can act on: 41030 the page is not in the published version (publish first, or ask for
// the trial / develop build, which is requested with check_path false), 40129 / 40169 a scene WeChat refuses,
// 45009 more than 5,000 calls a minute, -1 busy. A refused access token (40001, 40014, 42001) is renewed and the call
// made once more (WechatApiClient); network trouble, timeouts and non-200 answers are 502 platform_unavailable.
import type { WechatConfig } from '../config'
import { isWxaScene } from '../domain/ports'
import type { AccessTokenSource } from './wechat-access-token'
import { WechatApiClient, errcodeOf, type WechatImage } from './wechat-api'

export type WxacodeEnv = 'release' | 'trial' | 'develop'

export interface WxacodeRequest {
  /** ≤ 32 characters of [0-9A-Za-z!#$&'()*+,/:;=?@-._~]. */
  scene: string
  /** A page of the mini-program, no leading slash, no query. */
  page: string
  /** Which build the code opens; default release. */
  envVersion?: WxacodeEnv
  /** Side of the image in px, 280–1280 (WeChat's limits); default 1280, for print. */
  width?: number
}

export type WxacodeProblem = 'page_not_published' | 'scene_invalid' | 'rate_limited' | 'busy' | 'rejected'

/** WeChat refused to make the code (or the request was one it would refuse). */
export class WxacodeError extends Error {
  constructor (readonly problem: WxacodeProblem, readonly errcode: number | null, detail: string) {
    super(detail)
    this.name = 'WxacodeError'
  }
}

const PROBLEMS: Record<number, WxacodeProblem> = { 41030: 'page_not_published', 40129: 'scene_invalid', 40169: 'scene_invalid', 45009: 'rate_limited', [-1]: 'busy' }

/** The operator's sentence for each problem (the command prints it). */
export const WXACODE_PROBLEM_TEXT: Record<WxacodeProblem, string> = {
  page_not_published: '微信答复页面不在已发布的小程序里（41030）：请先发布包含医院页的版本，或用 --wxacode-env trial 生成体验版的码',
  scene_invalid: '微信不接受这个 scene（只能是 32 个以内的数字、字母和 !#$&\'()*+,/:;=?@-._~）',
  rate_limited: '生成小程序码太频繁（微信限每分钟 5000 次），请一分钟后再试',
  busy: '微信系统繁忙，请稍后再试',
  rejected: '微信拒绝生成小程序码，错误码见服务端日志',
}

export const WXACODE_UNAVAILABLE_MESSAGE = '暂时无法生成微信小程序码，请稍后再试'
export const WXACODE_DEFAULT_WIDTH = 1280

/** What makes mini-program codes: the WeChat client (present only with WeChat credentials). */
export interface WxacodeMaker { create (r: WxacodeRequest): Promise<WechatImage> }

export class WechatWxacode implements WxacodeMaker {
  private readonly api: WechatApiClient

  constructor (cfg: WechatConfig, tokens: AccessTokenSource, opts: { timeoutMs?: number } = {}) {
    this.api = new WechatApiClient(cfg, tokens, opts)
  }

  async create (r: WxacodeRequest): Promise<WechatImage> {
    // Checked here too: a scene WeChat would refuse is not worth a call (and a quota unit).
    if (!isWxaScene(r.scene)) throw new WxacodeError('scene_invalid', null, 'scene is not 1–32 characters of the allowed set')
    if (r.page.startsWith('/') || r.page.includes('?')) throw new Error('page must have no leading slash and no query')
    const width = r.width ?? WXACODE_DEFAULT_WIDTH
    if (!Number.isInteger(width) || width < 280 || width > 1280) throw new Error('width must be an integer from 280 to 1280')
    const envVersion = r.envVersion ?? 'release'
    const answer = await this.api.postForImage('/wxa/getwxacodeunlimit', {
      // A trial or develop build is not "published": WeChat then needs check_path false to make the code at all.
      scene: r.scene, page: r.page, check_path: envVersion === 'release', env_version: envVersion, width,
    }, 'getwxacodeunlimit', WXACODE_UNAVAILABLE_MESSAGE)
    if ('image' in answer) return answer.image
    const errcode = errcodeOf(answer.answer)
    if (errcode === undefined) throw new WxacodeError('rejected', null, 'getwxacodeunlimit answered JSON without an errcode and no image')
    const problem = PROBLEMS[errcode] ?? 'rejected'
    throw new WxacodeError(problem, Number.isNaN(errcode) ? null : errcode, `getwxacodeunlimit errcode ${String(answer.answer.errcode)}`)
  }
}
