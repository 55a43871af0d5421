// Builds every domain service, once, from the app's database, config, clock, cipher and adapters, and decorates the
// app with them (app.services): routes and the other plugins take their services from here and build none.
import { AccessLogService } from '../domain/access-log-page'
import fp from 'fastify-plugin'
import type { Db } from '../db'
import type { ServerConfig } from '../config'
import type { ActivityIdSource, Clock, CodeExchanger, SmsSender, SoterSignatureCheck, SubscribeSender } from '../domain/ports'
import type { Platform } from '../../types/api/auth'
import type { AccountSummary } from '../../types/api/account'
import type { ContributionsPage, ContributionsQuery } from '../../types/api/contributions'
import { accountSummary } from '../domain/account'
import { BindingService } from '../domain/bindings'
import { ClaimService } from '../domain/claims'
import { ConsentService } from '../domain/consents'
import { listContributions } from '../domain/contributions'
import { CursorCodec } from '../domain/cursor'
import { FaceCheckService, type FaceProviders } from '../domain/face-checks'
import { InstitutionService } from '../domain/institutions'
import { PasswordService } from '../domain/passwords'
import type { DataCipher } from '../domain/secrets'
import { SessionService } from '../domain/sessions'
import { ShareService } from '../domain/shares'
import { SmsCodeService } from '../domain/sms-codes'
import { SoterService } from '../domain/soter'
import { SpendingService } from '../domain/spending'
import type { WxacodeMaker } from '../adapters/wechat-wxacode'

/** What the services are built from: the database, the config, the clock, the cipher and the adapters. */
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
  bindings: BindingService
  consents: ConsentService
  account: { summary (personId: number): Promise<AccountSummary> }
  contributions: { list (personId: number, q: ContributionsQuery): Promise<ContributionsPage> }
  spending: SpendingService
  claims: ClaimService
  shares: ShareService
  institutions: InstitutionService
  accessLogs: AccessLogService
  subscribe?: SubscribeSender
  /** WeChat mini-program codes (operator's hospital posters), only with WeChat credentials. */
  wxacode?: WxacodeMaker
  exchangers: Record<Platform, CodeExchanger>
  sms: SmsSender
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

export default fp(async (app, o: ServicesOptions) => {
  const { db, cfg, clock, cipher } = o
  const sessions = new SessionService(db, clock, {
    idleMinutes: cfg.sessionIdleMinutes, absoluteHours: cfg.sessionAbsoluteHours, verifyWindowSeconds: cfg.verifyWindowSeconds,
  })
  const smsCodes = new SmsCodeService(db, cipher, o.sms, clock, {
    ttlSeconds: cfg.smsCodeTtlSeconds, resendSeconds: cfg.smsResendSeconds, maxAttempts: cfg.smsMaxAttempts,
    dailyPerRecipient: 10, dailyPerRequester: 5,
  }, (err) => app.log.warn({ err }, 'sms send failed after the answer'))
  const faceChecks = new FaceCheckService(db, cipher, clock, o.face ?? {})
  const claims = new ClaimService({ db, cipher, clock, notice: cfg.claimNotice, sender: o.subscribe, log: app.log })
  const contributionCursors = new CursorCodec(cipher)
  const services: Services = {
    ...o,
    sessions,
    smsCodes,
    passwords: new PasswordService(db, cipher, clock),
    faceChecks,
    soter: new SoterService(db, clock, sessions, o.soter),
    bindings: new BindingService(db, cipher, clock, sessions, faceChecks, smsCodes),
    consents: new ConsentService(db, clock),
    account: { summary: (personId) => accountSummary(db, clock, personId) },
    contributions: { list: (personId, q) => listContributions(db, clock, contributionCursors, personId, q) },
    spending: new SpendingService(db, cipher, clock),
    claims,
    shares: new ShareService({
      db, clock, claims, publicBaseUrl: cfg.publicBaseUrl, activity: o.activity, log: app.log,
      grantViewsPerMinute: cfg.shareGrantViewsPerMinute,
    }),
    institutions: new InstitutionService(db, clock),
    accessLogs: new AccessLogService(db, cipher, clock),
  }
  app.decorate('services', services)
}, { name: 'services' })
