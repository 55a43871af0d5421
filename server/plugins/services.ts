// Decorates the app with its domain services and the auth guards every account route uses.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db'
import type { ServerConfig } from '../config'
import type { ActivityIdSource, Clock, CodeExchanger, SmsSender, SoterSignatureCheck, SubscribeSender } from '../domain/ports'
import type { Platform } from '../../types/api/auth'
import { SessionService, type SessionContext } from '../domain/sessions'
import { SmsCodeService } from '../domain/sms-codes'
import { PasswordService } from '../domain/passwords'
import { FaceCheckService, type FaceProviders } from '../domain/face-checks'
import type { DataCipher } from '../domain/secrets'
import { SoterService } from '../domain/soter'
import type { WxacodeMaker } from '../adapters/wechat-wxacode'
import { ClaimService } from '../domain/claims'
import { ShareService } from '../domain/shares'
import { InstitutionService } from '../domain/institutions'
import { clientContext, recordAccess, type AccessResource } from '../domain/access-log'
import { requireAccountConsent } from '../domain/consents'

/** What an account-data read names in the access log: the resource, and the entry's id for a detail. */
export interface AccountRead { resource: AccessResource; resourceId?: number | string }

export interface Services {
  db: Db
  cfg: ServerConfig
  clock: Clock
  cipher: DataCipher
  sessions: SessionService
  smsCodes: SmsCodeService
  passwords: PasswordService
  faceChecks: FaceCheckService
  soter: SoterService
  claims: ClaimService
  shares: ShareService
  institutions: InstitutionService
  subscribe?: SubscribeSender
  /** WeChat mini-program codes (operator's hospital posters), only with WeChat credentials. */
  wxacode?: WxacodeMaker
  exchangers: Record<Platform, CodeExchanger>
  sms: SmsSender
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
    /** preHandler: any live session (bound or not). */
    authenticate: (req: FastifyRequest) => Promise<void>
    /**
     * Every read of account data goes through here: `accountPerson`'s checks, and one access-log row once `read`
     * has answered (a refusal or a 404 is not a read).
     */
    readAccountData: <T> (req: FastifyRequest, reply: FastifyReply, what: AccountRead,
      read: (personId: number, session: SessionContext) => Promise<T>) => Promise<T>
    /**
     * The person whose account data this request may read or change: bound (403 binding_required), with the
     * current privacy and sensitive-information consents (403 consent_required), verified within the window (403
     * verification_required), in that order, the order the app asks in. Every answer, a refusal too, is uncached.
     */
    accountPerson: (req: FastifyRequest, reply: FastifyReply) => Promise<number>
  }
  interface FastifyRequest {
    auth: SessionContext | null
  }
}

export interface ServicesOptions {
  db: Db; cfg: ServerConfig; clock: Clock; cipher: DataCipher
  exchangers: Record<Platform, CodeExchanger>; sms: SmsSender
  /** Face check per platform, only where its credentials are configured. */
  face?: FaceProviders
  /** WeChat SOTER signature check, only with WeChat credentials. */
  soter?: SoterSignatureCheck
  /** WeChat subscribe messages for claim stage changes (createAdapters: real with credentials, else the dev outbox). */
  subscribe?: SubscribeSender
  /** WeChat private-message ids for share cards, only with WeChat credentials. */
  activity?: ActivityIdSource
  /** WeChat mini-program codes, only with WeChat credentials. */
  wxacode?: WxacodeMaker
}

export default fp(async (app, o: ServicesOptions) => {
  const sessions = new SessionService(o.db, o.clock, {
    idleMinutes: o.cfg.sessionIdleMinutes, absoluteHours: o.cfg.sessionAbsoluteHours, verifyWindowSeconds: o.cfg.verifyWindowSeconds,
  })
  const smsCodes = new SmsCodeService(o.db, o.cipher, o.sms, o.clock, {
    ttlSeconds: o.cfg.smsCodeTtlSeconds, resendSeconds: o.cfg.smsResendSeconds, maxAttempts: o.cfg.smsMaxAttempts,
    dailyPerRecipient: 10, dailyPerRequester: 5,
  }, (err) => app.log.warn({ err }, 'sms send failed after the answer'))
  const passwords = new PasswordService(o.db, o.cipher, o.clock)
  const faceChecks = new FaceCheckService(o.db, o.cipher, o.clock, o.face ?? {})
  const soter = new SoterService(o.db, o.clock, sessions, o.soter)
  const claims = new ClaimService({ db: o.db, cipher: o.cipher, clock: o.clock, notice: o.cfg.claimNotice, sender: o.subscribe, log: app.log })
  const shares = new ShareService({
    db: o.db, clock: o.clock, claims, publicBaseUrl: o.cfg.publicBaseUrl, activity: o.activity, log: app.log,
    grantViewsPerMinute: o.cfg.shareGrantViewsPerMinute,
  })
  const institutions = new InstitutionService(o.db, o.clock)
  app.decorate('services', { ...o, sessions, smsCodes, passwords, faceChecks, soter, claims, shares, institutions })
  app.decorateRequest('auth', null)
  app.decorate('authenticate', async (req: FastifyRequest) => {
    req.auth = await sessions.authenticate(req.headers.authorization)
  })
  const accountPerson = async (req: FastifyRequest, reply: FastifyReply): Promise<number> => {
    reply.header('cache-control', 'no-store')
    const session = sessionOf(req)
    // Withdrawing a consent stops processing at once, so the standing is read on every request (one indexed query).
    await requireAccountConsent(o.db, sessions.requirePerson(session))
    return sessions.requireVerifiedPerson(session)
  }
  app.decorate('accountPerson', accountPerson)
  app.decorate('readAccountData', async <T> (req: FastifyRequest, reply: FastifyReply, what: AccountRead,
    read: (personId: number, session: SessionContext) => Promise<T>): Promise<T> => {
    const session = sessionOf(req)
    const personId = await accountPerson(req, reply)
    const result = await read(personId, session)
    await recordAccess(o.db, { personId, sessionId: session.id, ...what, ...clientContext(req), at: o.clock.now() })
    return result
  })
}, { name: 'services' })

/** The session of an authenticated request (the route's preHandler ran `authenticate`). */
export function sessionOf (req: FastifyRequest): SessionContext {
  if (!req.auth) throw new Error('route is missing the authenticate preHandler')
  return req.auth
}
