// The HTTP status of each error code, apart from the schemas so that it costs no TypeBox at run time (domain code
// that only names codes loads it in every test layer, the unit one included, whose transform cannot load TypeBox).
import type { ErrorCode } from './common'

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
  sms_code_not_requested: 400,
  idempotency_key_reused: 422, idempotency_in_progress: 409,
}
