// The error envelope and shared pieces of the HTTP contract (validated on the server, types only on the client).
import { Type, type Static } from 'typebox'
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency'

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

/**
 * A signed-in write that may be retried: the same Idempotency-Key again gets the first answer, and nothing is
 * changed twice (kept 24 hours; the same key for another request is a 422, one still running a 409).
 */
export const IdempotentHeaders = Type.Object({
  authorization: Type.Optional(Type.String({ maxLength: 512 })),
  'idempotency-key': Type.Optional(Type.String({
    pattern: IDEMPOTENCY_KEY_PATTERN,
    description: '这次操作的请求编号（16–64 位字母、数字、- 或 _，每次操作新取一个）；网络断开后用同一编号重试，会得到第一次的答复，不会重复登记',
  })),
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
  | 'sms_code_not_requested'
  | 'idempotency_key_reused' | 'idempotency_in_progress'
