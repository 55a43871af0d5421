// Input rules Ajv's coercion lets through, and the catalogue of every route's inputs (the input property test walks it).
// Ajv turns "Infinity", " 5", "0x10", "1e3" or "5.0" into numbers that pass `integer` and `maximum`; a query string
// or a path can only carry plain decimal digits for a number here. A JSON body keeps its own types (no "7" for 7).
// Text carries no control characters (PostgreSQL refuses NUL outright, the rest only ever garble a page or a log) and
// no invisible ones that change how it reads, except tab and line breaks in a field marked `x-multiline`. Dates are real calendar dates from 1900 to 2099.
import fp from 'fastify-plugin'
import type { Ajv } from 'ajv'
import type { FastifyRequest } from 'fastify'

type Schema = Record<string, unknown>

/** One route's inputs as declared: its path parameters (from the URL) and its schemas. */
export interface RouteInputs {
  method: string
  url: string
  /** Names of the URL's parameters (`:id`, and `*` for a wildcard), whether or not a schema declares them. */
  pathParams: string[]
  params: Record<string, Schema>
  query: Record<string, Schema>
  body?: Schema
  headers?: Schema
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after this plugin, HEAD twins left out. */
    routeInputs: RouteInputs[]
  }
}

/** Marks a string field that may hold several lines (tab, CR and LF allowed; other control characters never). */
export const MULTILINE = 'x-multiline'

const FIRST_DATE_YEAR = 1900
const LAST_DATE_YEAR = 2099

/** `YYYY-MM-DD` naming a day that exists, from 1900 to 2099 (a year 1 or a 30 February is a typo, not a query). */
export function isRealDate (s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < FIRST_DATE_YEAR || y > LAST_DATE_YEAR) return false
  const at = new Date(Date.UTC(y, mo - 1, d))
  return at.getUTCMonth() === mo - 1 && at.getUTCDate() === d
}

/** Fastify's `ajv.onCreate` (both apps): the `date` format above instead of ajv-formats' (which takes year 0001),
 * and `x-multiline` known to Ajv as an annotation. */
export function ajvInputRules (ajv: Ajv): void {
  ajv.addFormat('date', { type: 'string', validate: isRealDate })
  ajv.addKeyword({ keyword: MULTILINE, schemaType: 'boolean' })
}

// Invisible characters that change how text reads rather than what it says: direction marks, embeddings, overrides
// and isolates (a note that reads backwards to the person or an operator), zero widths and the BOM (two texts that
// look alike), the Unicode line and paragraph separators, and lone surrogates (not text at all). The zero-width
// (non-)joiner stays: emoji sequences need it.
const INVISIBLE = '\\u061c\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb\\ud800-\\udfff'
// With the u flag a surrogate pair is one code point, so the surrogate range matches lone halves only.
const controlCharacters = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE}]`, 'u')
// The same, tab, CR and LF allowed.
const controlCharactersExceptLines = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${INVISIBLE}]`, 'u')
const decimal = /^(0|[1-9][0-9]{0,14})$/
const signedDecimal = /^-?(0|[1-9][0-9]{0,14})$/
const decimalNumber = /^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?$/

interface AjvLikeError { keyword: string; instancePath: string; params: Record<string, unknown> }
type Part = 'params' | 'querystring' | 'body'

function refuse (part: Part, error: AjvLikeError): Error {
  return Object.assign(new Error('input refused before validation'), { statusCode: 400, validation: [error], validationContext: part })
}

const propertiesOf = (schema: unknown): Record<string, Schema> =>
  ((schema as { properties?: Record<string, Schema> } | undefined)?.properties) ?? {}

/** The JSON types a schema admits at its own level (empty: anything, or not known here). */
function typesOf (schema: Schema): Set<string> {
  const out = new Set<string>()
  const type = schema.type
  for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type]) out.add(t === 'integer' ? 'number' : String(t))
  if ('const' in schema) out.add(jsonType(schema.const))
  if (Array.isArray(schema.enum)) for (const v of schema.enum) out.add(jsonType(v))
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key]
    if (!Array.isArray(branches)) continue
    const sets = branches.map((b) => typesOf(b as Schema))
    if (sets.some((s) => s.size === 0)) return new Set()
    for (const s of sets) for (const t of s) out.add(t)
  }
  return out
}

function jsonType (v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v
}

/** A query string's or a path's raw value for a number property: plain decimal digits (a sign only where negatives may be). */
function rawNumberOk (schema: Schema, raw: string): boolean {
  if (schema.type === 'number') return decimalNumber.test(raw)
  const min = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined
  return (min !== undefined && min >= 0 ? decimal : signedDecimal).test(raw)
}
const isNumeric = (schema: Schema) => schema.type === 'integer' || schema.type === 'number'

/** Query or path values (strings, or lists of them for a repeated query key) against their declared properties. */
function checkStrings (part: Part, values: unknown, properties: Record<string, Schema>): void {
  if (!values || typeof values !== 'object') return
  for (const [name, schema] of Object.entries(properties)) {
    const value = (values as Record<string, unknown>)[name]
    for (const raw of Array.isArray(value) ? value : [value]) {
      if (typeof raw !== 'string') continue
      if (controlCharacters.test(raw)) throw refuse(part, { keyword: 'controlCharacters', instancePath: `/${name}`, params: {} })
      if (isNumeric(schema) && !rawNumberOk(schema, raw)) {
        // Digits and nothing else, only too many of them: out of range rather than not a number.
        throw refuse(part, /^[0-9]+$/.test(raw)
          ? { keyword: 'maximum', instancePath: `/${name}`, params: { comparison: '<=', limit: Number.MAX_SAFE_INTEGER } }
          : { keyword: 'type', instancePath: `/${name}`, params: { type: schema.type } })
      }
    }
  }
}

/** A JSON body along its schema: no control characters in text, and no scalar standing in for another type (Ajv would
 * turn "7" into 7, null into "", "x" into ["x"]). */
function checkBody (value: unknown, schema: Schema | undefined, path: string): void {
  if (typeof value === 'string') {
    const pattern = schema?.[MULTILINE] === true ? controlCharactersExceptLines : controlCharacters
    if (pattern.test(value)) throw refuse('body', { keyword: 'controlCharacters', instancePath: path, params: {} })
  }
  // JSON's 1e400 parses to Infinity, and an integer past 2^53 is not the number that was sent.
  if (typeof value === 'number' && (!Number.isFinite(value) || (schema?.type === 'integer' && !Number.isSafeInteger(value)))) {
    throw refuse('body', { keyword: 'maximum', instancePath: path, params: { comparison: '<=', limit: Number.MAX_SAFE_INTEGER } })
  }
  if (schema) {
    const types = typesOf(schema)
    const actual = jsonType(value)
    if (types.size > 0 && actual !== 'object' && actual !== 'array' && !types.has(actual)) {
      const wanted = schema.type ?? [...types][0]
      throw refuse('body', { keyword: 'type', instancePath: path, params: { type: wanted } })
    }
  }
  if (Array.isArray(value)) {
    const items = schema?.items as Schema | undefined
    value.forEach((v, i) => { checkBody(v, items, `${path}/${i}`) })
  } else if (value !== null && typeof value === 'object') {
    const properties = propertiesOf(schema)
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (controlCharacters.test(k)) throw refuse('body', { keyword: 'controlCharacters', instancePath: path, params: {} })
      checkBody(v, properties[k], `${path}/${k}`)
    }
  }
}

export default fp(async (app) => {
  const catalogue: RouteInputs[] = []
  app.decorate('routeInputs', catalogue)
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as { params?: Schema; querystring?: Schema; body?: Schema; headers?: Schema }
    const params = propertiesOf(schema.params)
    const query = propertiesOf(schema.querystring)
    const pathParams = [...route.url.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((m) => m[1] ?? '*')
    for (const method of (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD')) {
      catalogue.push({ method, url: route.url, pathParams, params, query, body: schema.body, headers: schema.headers })
    }
    // Before Ajv, which would coerce the raw strings; after any preValidation of the route's own (which may fill a body).
    const check = async (req: FastifyRequest) => {
      checkStrings('params', req.params, params)
      checkStrings('querystring', req.query, query)
      if (req.body !== undefined) checkBody(req.body, schema.body, '')
    }
    const own = route.preValidation
    route.preValidation = [...(own === undefined ? [] : Array.isArray(own) ? own : [own]), check]
  })
}, { name: 'input' })
