// Real-name binding of an unbound platform login (WeChat / Alipay): name + ID number against the insured-person
// record, then proof by face check where the platform offers one, else (or after two failed face checks) an SMS code
// to the phone on file. A completed binding ties the identity to the person and verifies this session.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SmsCodeSent } from '../../../../../types/api/auth'
import { BindingDone, BindingFaceResult, BindingSmsBody, BindingStartBody, BindingState } from '../../../../../types/api/binding'
import { FaceCheckParams, FaceStart } from '../../../../../types/api/verification'
import { sessionOf } from '../../../../plugins/auth'
import { bearer, errorAnswers } from '../schemas'

const errors = errorAnswers(400, 401, 403, 404, 409, 410, 429, 502)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { cfg, bindings } = app.services
  const secured = { preHandler: app.authenticate }
  const common = { tags: ['binding'], ...bearer }
  const limit = { rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } }

  app.post('/binding', {
    ...secured,
    config: limit,
    schema: {
      ...common, summary: '实名绑定第一步：核对姓名和身份证号（连续 5 次不一致暂停 30 分钟）', body: BindingStartBody,
      response: { 200: BindingState, ...errors },
    },
  }, async (req) => bindings.start(sessionOf(req), req.body.name, req.body.idNumber))

  app.get('/binding', {
    ...secured,
    schema: { ...common, summary: '当前未完成的实名绑定及可用的验证方式', response: { 200: BindingState, ...errors } },
  }, async (req) => bindings.current(sessionOf(req)))

  app.post('/binding/sms-codes', {
    ...secured,
    config: { rateLimit: { max: cfg.smsRatePerHour, timeWindow: 3600_000 } },
    schema: { ...common, summary: '向参保登记的手机号发送绑定验证码', response: { 200: SmsCodeSent, ...errors } },
  }, async (req) => bindings.sendSmsCode(sessionOf(req)))

  app.post('/binding/sms', {
    ...secured,
    config: limit,
    schema: { ...common, summary: '用短信验证码完成实名绑定', body: BindingSmsBody, response: { 200: BindingDone, ...errors } },
  }, async (req) => ({ bound: true as const, verifiedUntil: (await bindings.proveBySms(sessionOf(req), req.body.code)).toISOString() }))

  app.post('/binding/face', {
    ...secured,
    config: limit,
    schema: { ...common, summary: '开始用于实名绑定的刷脸验证', response: { 200: FaceStart, ...errors } },
  }, async (req) => bindings.startFace(sessionOf(req)))

  app.post('/binding/face/:checkId/result', {
    ...secured,
    config: limit,
    schema: {
      ...common, summary: '向平台查询绑定刷脸的结果（客户端回调的结果不作数）', params: FaceCheckParams,
      response: { 200: BindingFaceResult, ...errors },
    },
  }, async (req) => bindings.finishFace(sessionOf(req), req.params.checkId))
}
export default routes
