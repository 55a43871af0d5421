// The guards every signed-in route uses: `authenticate` (any live session), and for the person's account data
// `readAccountData` and `writeAccountData`, which make the binding, consent and verification checks (and, for a read,
// the access-log row) impossible to forget.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { clientContext, recordAccess, type AccessResource } from '../domain/access-log'
import { requireAccountConsent } from '../domain/consents'
import type { SessionContext } from '../domain/sessions'

/** What an account-data read names in the access log: the resource, and the entry's id for a detail. */
export interface AccountRead { resource: AccessResource; resourceId?: number | string }

/** What a guarded handler is given: the person whose data it reads or changes, and the session asking. */
export type AccountWork<T> = (personId: number, session: SessionContext) => Promise<T>

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: any live session (bound or not). */
    authenticate: (req: FastifyRequest) => Promise<void>
    /**
     * Every read of account data goes through here: `accountPerson`'s checks, and one access-log row once `read`
     * has answered (a refusal or a 404 is not a read).
     */
    readAccountData: <T> (req: FastifyRequest, reply: FastifyReply, what: AccountRead, read: AccountWork<T>) => Promise<T>
    /** Every change to the person's account data (disputes, notices, shares) goes through here: `accountPerson`'s checks. */
    writeAccountData: <T> (req: FastifyRequest, reply: FastifyReply, write: AccountWork<T>) => Promise<T>
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

export default fp(async (app) => {
  const { db, clock, sessions } = app.services
  app.decorateRequest('auth', null)
  app.decorate('authenticate', async (req: FastifyRequest) => {
    req.auth = await sessions.authenticate(req.headers.authorization)
  })
  const accountPerson = async (req: FastifyRequest, reply: FastifyReply): Promise<number> => {
    reply.header('cache-control', 'no-store')
    const session = sessionOf(req)
    // Withdrawing a consent stops processing at once, so the standing is read on every request (one indexed query).
    await requireAccountConsent(db, sessions.requirePerson(session))
    return sessions.requireVerifiedPerson(session)
  }
  app.decorate('accountPerson', accountPerson)
  app.decorate('readAccountData', async <T> (req: FastifyRequest, reply: FastifyReply, what: AccountRead, read: AccountWork<T>): Promise<T> => {
    const session = sessionOf(req)
    const personId = await accountPerson(req, reply)
    const result = await read(personId, session)
    await recordAccess(db, { personId, sessionId: session.id, ...what, ...clientContext(req), at: clock.now() })
    return result
  })
  app.decorate('writeAccountData', async <T> (req: FastifyRequest, reply: FastifyReply, write: AccountWork<T>): Promise<T> => {
    const personId = await accountPerson(req, reply)
    return write(personId, sessionOf(req))
  })
}, { name: 'auth', dependencies: ['services'] })

/** The session of an authenticated request (the route's preHandler ran `authenticate`). */
export function sessionOf (req: FastifyRequest): SessionContext {
  if (!req.auth) throw new Error('route is missing the authenticate preHandler')
  return req.auth
}
