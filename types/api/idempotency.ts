// The Idempotency-Key's shape, apart from the schemas so that it costs no TypeBox at run time (the client's tests
// check its keys against it in the unit layer, whose transform cannot load TypeBox).

/** The request id of a write the app may send again after a lost answer (16–64 letters, digits, - or _). */
export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_-]{16,64}$'
