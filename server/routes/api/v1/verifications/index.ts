// Step-up verification for a signed-in, bound person: which methods are open, SMS code to the phone on file,
// card query password. Each success opens the verification window (default 15 min) on this session only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { SmsCodeSent } from '../../../../../types/api/auth'
import {
  FaceCheckParams, FaceResult, FaceStart, Verified, VerificationMethods, VerifyPasswordBody, VerifySmsBody,
} from '../../../../../types/api/verification'
import { findPersonById, type PersonRow } from '../../../../db/repositories/persons'
import { AppError } from '../../../../domain/errors'
import { maskPhone } from '../../../../domain/mask'
import { smsRequester } from '../../../../domain/sms-codes'
import { pleaseAfter } from '../../../../domain/wait-words'
import { sessionOf } from '../../../../plugins/auth'
import { bearer, errorAnswers } from '../schemas'

const errors = errorAnswers(400, 401, 403, 404, 429, 502)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { sessions, smsCodes, passwords, faceChecks, db, cipher, clock, cfg } = app.services
  const secured = { preHandler: app.authenticate }
  const common = { tags: ['verification'], ...bearer }

  async function personOf (personId: number): Promise<PersonRow> {
    const person = await findPersonById(db, personId)
    if (!person || person.status !== 'active') throw new AppError('not_found', '没有找到您的参保信息，请联系参保地医保经办机构')
    return person
  }

  app.get('/verifications/methods', {
    ...secured,
    schema: { ...common, summary: '当前可用的身份验证方式', response: { 200: VerificationMethods, ...errors } },
  }, async (req) => {
    const session = sessionOf(req)
    const person = await personOf(sessions.requirePerson(session))
    const now = clock.now()
    const facePlatform = await faceChecks.platformFor(session)
    const locked = await passwords.lockedUntil(person)
    return {
      methods: [
        // Face check only inside the WeChat / Alipay mini-program whose credentials this server has.
        facePlatform
          ? { method: 'face' as const, available: true }
          : { method: 'face' as const, available: false, reason: '当前环境不支持刷脸验证，请用短信验证码或查询密码' },
        { method: 'sms' as const, available: true },
        person.queryPasswordHash === null
          ? { method: 'password' as const, available: false, reason: '尚未设置查询密码，可以用「忘记密码」设置' }
          : locked
            ? { method: 'password' as const, available: false, reason: `查询密码已锁定，${pleaseAfter(locked, now)}再试` }
            : { method: 'password' as const, available: true },
        // SOTER only re-opens a WeChat session that already passed a real-name check (SoterService says why not).
        { method: 'soter' as const, ...(await app.services.soter.availability(session)) },
      ],
      phoneMasked: maskPhone(cipher.decrypt(person.phoneEnc)),
      verifiedUntil: session.verifiedUntil && session.verifiedUntil > now ? session.verifiedUntil.toISOString() : null,
    }
  })

  app.post('/verifications/sms-codes', {
    ...secured,
    config: { rateLimit: { max: cfg.smsRatePerHour, timeWindow: 3600_000 } },
    schema: { ...common, summary: '向登记的手机号发送验证码', response: { 200: SmsCodeSent, ...errors } },
  }, async (req) => {
    const session = sessionOf(req)
    const person = await personOf(sessions.requirePerson(session))
    const phone = cipher.decrypt(person.phoneEnc)
    // The person's own phone on file, asked for from their own session: strangers cannot use this allowance up.
    const sent = await smsCodes.issue('verify', `person:${person.id}`, async () => phone, { ...smsRequester({ session }), ownPhone: true })
    return { ...sent, message: `验证码已发送至 ${maskPhone(phone)}，5 分钟内有效` }
  })

  app.post('/verifications/sms', {
    ...secured,
    config: { rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } },
    schema: { ...common, summary: '用短信验证码完成验证', body: VerifySmsBody, response: { 200: Verified, ...errors } },
  }, async (req) => {
    const session = sessionOf(req)
    const personId = sessions.requirePerson(session)
    await smsCodes.check('verify', `person:${personId}`, req.body.code)
    return { verifiedUntil: (await sessions.markVerified(session, 'sms')).toISOString() }
  })

  app.post('/verifications/password', {
    ...secured,
    config: { rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } },
    schema: { ...common, summary: '用医保卡查询密码完成验证（与登录共用错误次数和锁定）', body: VerifyPasswordBody, response: { 200: Verified, ...errors } },
  }, async (req) => {
    const session = sessionOf(req)
    await passwords.checkPerson(await personOf(sessions.requirePerson(session)), req.body.password)
    return { verifiedUntil: (await sessions.markVerified(session, 'password')).toISOString() }
  })

  app.post('/verifications/face', {
    ...secured,
    config: { rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } },
    schema: { ...common, summary: '开始刷脸验证（微信人脸核身 2.0 / 支付宝身份验证）', response: { 200: FaceStart, ...errors } },
  }, async (req) => {
    const session = sessionOf(req)
    return faceChecks.start(session, sessions.requirePerson(session))
  })

  app.post('/verifications/face/:checkId/result', {
    ...secured,
    config: { rateLimit: { max: cfg.loginRatePerMinute, timeWindow: 60_000 } },
    schema: {
      ...common, summary: '向平台查询刷脸结果（客户端回调的结果不作数）', params: FaceCheckParams,
      response: { 200: FaceResult, ...errorAnswers(410), ...errors },
    },
  }, async (req) => {
    const session = sessionOf(req)
    const personId = sessions.requirePerson(session)
    if (!(await faceChecks.finish(session, req.params.checkId, { purpose: 'verify', personId }))) {
      return { passed: false, verifiedUntil: null, message: '刷脸验证没有通过，可以再试一次，或改用短信验证码、查询密码' }
    }
    return { passed: true, verifiedUntil: (await sessions.markVerified(session, 'face')).toISOString(), message: '验证通过' }
  })
}
export default routes
