// The error envelope and shared pieces of the HTTP contract (validated on the server, types only on the client).
import { Type, type Static } from 'typebox'

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'machine-readable snake_case code' }),
    message: Type.String({ description: '给人看的中文说明，告诉用户怎么办' }),
  }),
}, { $id: 'ErrorBody' })
export type ErrorBody = Static<typeof ErrorBody>

export const BearerHeaders = Type.Object({
  authorization: Type.Optional(Type.String({ maxLength: 512 })),
})

export const Health = Type.Object({ status: Type.Literal('ok') })
export type Health = Static<typeof Health>

/** Every error code the server may answer with; the client maps them to behaviour, the server to Chinese text. */
export type ErrorCode =
  | 'validation_failed' | 'bad_request' | 'unauthorized' | 'session_expired' | 'forbidden'
  | 'binding_required' | 'verification_required' | 'not_found' | 'method_not_allowed' | 'conflict' | 'gone'
  | 'payload_too_large' | 'unsupported_media_type' | 'rate_limited' | 'internal_error' | 'service_unavailable'
  | 'request_timeout' | 'headers_too_large'
  | 'invalid_login_code' | 'platform_unavailable' | 'platform_rejected' | 'sms_code_invalid' | 'sms_code_expired'
  | 'sms_code_attempts_exceeded' | 'phone_invalid' | 'phone_shared'
  | 'id_number_invalid' | 'password_incorrect' | 'account_locked' | 'password_too_weak' | 'face_unavailable'
  | 'cursor_invalid' | 'identity_mismatch' | 'binding_locked' | 'already_bound' | 'binding_not_started' | 'binding_proof_unavailable'
  | 'soter_unavailable' | 'soter_result_malformed' | 'soter_challenge_invalid' | 'soter_failed'
  | 'consent_outdated' | 'consent_required'
  | 'claim_final' | 'claim_stage_invalid' | 'subscribe_unavailable' | 'subscribe_template_unknown'
  | 'dispute_exists' | 'dispute_not_open' | 'dispute_limit_reached'
  | 'share_invalid' | 'share_limit_reached'
  | 'entry_code_unknown' | 'entry_code_revoked'

/**
 * The HTTP status each error code is answered with: the one place a failure meets HTTP (the server's error handler
 * answers an AppError's code with it; the domain names only the code).
 */
export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400, bad_request: 400, unauthorized: 401, session_expired: 401, forbidden: 403,
  binding_required: 403, verification_required: 403, not_found: 404, method_not_allowed: 405, conflict: 409, gone: 410,
  payload_too_large: 413, unsupported_media_type: 415, rate_limited: 429, internal_error: 500, service_unavailable: 503,
  request_timeout: 408, headers_too_large: 431,
  invalid_login_code: 401, platform_unavailable: 502, platform_rejected: 403, sms_code_invalid: 400, sms_code_expired: 400,
  sms_code_attempts_exceeded: 400, phone_invalid: 400, phone_shared: 409,
  id_number_invalid: 400, password_incorrect: 401, account_locked: 403, password_too_weak: 400, face_unavailable: 403,
  cursor_invalid: 400, identity_mismatch: 400, binding_locked: 403, already_bound: 409, binding_not_started: 409,
  binding_proof_unavailable: 403,
  soter_unavailable: 403, soter_result_malformed: 400, soter_challenge_invalid: 400, soter_failed: 401,
  consent_outdated: 409, consent_required: 403,
  claim_final: 409, claim_stage_invalid: 409, subscribe_unavailable: 403, subscribe_template_unknown: 400,
  dispute_exists: 409, dispute_not_open: 409, dispute_limit_reached: 409,
  share_invalid: 404, share_limit_reached: 409,
  entry_code_unknown: 404, entry_code_revoked: 410,
}
