// The one deterministic demo-data generator: the fixed demo persons and their records up to `asOf`, and bulk data
// for benchmarks from the same code paths. Plain data only; server/demo/seed.ts writes it to the database.
export * from './types'
export { chinaDateString, chinaTime } from './china-time'
export { DEMO_PERSONS } from './persons'
export { DEMO_INSTITUTIONS } from './institutions'
export { CLAIM_PATHS } from './claims'
export { generateDemo } from './demo'
export { BULK_QUERY_PASSWORD, generateBulk, type BulkOptions } from './bulk'
