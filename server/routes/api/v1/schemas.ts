// What the /api/v1 route schemas share: the session's bearer header with its OpenAPI security, and the error answers,
// every one in the contract's error envelope.
import { BearerHeaders, ErrorBody, IdempotentHeaders } from '../../../../types/api/common'

/** The error answers a route may give, by status. */
export function errorAnswers<const S extends readonly number[]> (...statuses: S): { [K in S[number]]: typeof ErrorBody } {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody])) as { [K in S[number]]: typeof ErrorBody }
}

/** A route behind a session (its preHandler is app.authenticate): the Authorization header and its OpenAPI security. */
export const bearer = { headers: BearerHeaders, security: [{ bearer: [] }] }

/** A signed-in write that takes an Idempotency-Key (plugins/idempotency acts on every route declaring these headers). */
export const idempotentBearer = { headers: IdempotentHeaders, security: [{ bearer: [] }] }
