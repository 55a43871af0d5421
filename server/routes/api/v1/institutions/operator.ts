// The operator's hospital codes: POST /api/v1/operator/institutions/{institutionCode}/entry {renew?, wxacodeEnv?}
// answers the institution's live entry code (made when it has none; with renew, the old one is revoked and a new one
// made in one transaction), the URL its printed QR code encodes and, with WeChat credentials, its mini-program code;
// DELETE on the same path revokes the live code without a new one (a poster taken down for good).
//
// Like the claims operator endpoint (routes/api/v1/claims/operator.ts) it is on the admin app only (server/admin.ts:
// this machine, no proxy, X-Operator-Token); not in the published OpenAPI document. `npm run qr` (scripts/qr.ts)
// calls it on the running server, which owns the database (PGlite allows one process) and the WeChat access token.
// The URL it answers is on PUBLIC_BASE_URL, else on the public listener's own address (`publicServer`).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  OperatorEntryBody, OperatorEntryResult, OperatorEntryRevoked, OperatorInstitutionParams,
} from '../../../../../types/api/institutions'
import { WXACODE_PROBLEM_TEXT, WxacodeError, type WxacodeEnv } from '../../../../adapters/wechat-wxacode'
import { HOSPITAL_PAGE, entryUrl, sceneOf } from '../../../../domain/entry-codes'
import { AppError } from '../../../../domain/errors'
import { errorAnswers } from '../schemas'

const NO_WECHAT = '服务端没有配置微信凭据（WECHAT_APPID、WECHAT_SECRET），所以没有生成微信小程序码；网址二维码在微信里同样能打开小程序（需登记“扫普通链接二维码打开小程序”）'
const WECHAT_DOWN = '暂时无法连接微信生成小程序码（网络或微信服务的问题，详见服务端日志）；网址二维码不受影响，稍后可以再运行一次'

export interface OperatorInstitutionOptions {
  /** The public listener (not the admin one this route is on), whose port a URL without PUBLIC_BASE_URL names. */
  publicServer: Server
}

const routes: FastifyPluginAsyncTypebox<OperatorInstitutionOptions> = async (app, opts) => {
  const { cfg, wxacode, institutions } = app.services

  /** PUBLIC_BASE_URL, or the public listener's loopback address (good for trying the code on this machine only). */
  const origin = (): { base: string; public: boolean } => {
    if (cfg.publicBaseUrl) return { base: cfg.publicBaseUrl, public: true }
    const address = opts.publicServer.address() as AddressInfo | string | null
    const port = address && typeof address === 'object' ? address.port : cfg.port
    return { base: `http://127.0.0.1:${port}`, public: false }
  }

  /** The mini-program code, or why there is none; a WeChat failure never undoes the entry code. */
  async function miniProgramCode (scene: string, envVersion: WxacodeEnv | undefined): Promise<Pick<OperatorEntryResult, 'wxacode' | 'wxacodeNote'>> {
    if (!wxacode) return { wxacode: null, wxacodeNote: NO_WECHAT }
    try {
      const image = await wxacode.create({ scene, page: HOSPITAL_PAGE, envVersion })
      return { wxacode: { contentType: image.contentType, base64: image.bytes.toString('base64') }, wxacodeNote: null }
    } catch (e) {
      if (e instanceof WxacodeError) {
        app.log.warn({ errcode: e.errcode, problem: e.problem }, 'wxacode refused')
        return { wxacode: null, wxacodeNote: WXACODE_PROBLEM_TEXT[e.problem] }
      }
      if (e instanceof AppError) {
        app.log.warn({ diagnostic: String(e.cause ?? e.code) }, 'wxacode unavailable')
        return { wxacode: null, wxacodeNote: WECHAT_DOWN }
      }
      throw e
    }
  }

  app.post('/operator/institutions/:institutionCode/entry', {
    schema: {
      hide: true, params: OperatorInstitutionParams, body: OperatorEntryBody,
      response: { 200: OperatorEntryResult, ...errorAnswers(400, 403, 404, 429) },
    },
  }, async (req) => {
    const issued = await institutions.issue(req.params.institutionCode, { renew: req.body.renew === true })
    const { base, public: urlIsPublic } = origin()
    const scene = sceneOf(issued.entryCode)
    return {
      institution: { code: issued.institution.code, name: issued.institution.name },
      entryCode: issued.entryCode, issued: issued.issued, revokedCode: issued.revokedCode,
      url: entryUrl(base, issued.entryCode), urlIsPublic, scene, page: HOSPITAL_PAGE,
      ...await miniProgramCode(scene, req.body.wxacodeEnv),
    }
  })

  app.delete('/operator/institutions/:institutionCode/entry', {
    schema: { hide: true, params: OperatorInstitutionParams, response: { 200: OperatorEntryRevoked, ...errorAnswers(400, 403, 404, 429) } },
  }, async (req) => {
    return institutions.revoke(req.params.institutionCode)
  })
}
export default routes
