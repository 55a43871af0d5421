// PasswordService without HTTP: while an identifier is locked, one that names a person and one that names nobody
// go through the very same work (the same statements, one password hash each), so neither the answer nor its
// cost tells them apart.
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Db, DbHandle } from '../../../server/db'
import * as schema from '../../../server/db/schema'
import { seedDemo } from '../../../server/demo/seed'
import { checkDigit } from '../../../server/domain/gb11643'
import { PasswordService, type PasswordIdentifier } from '../../../server/domain/passwords'
import { DataCipher, hashPassword, verifyPassword } from '../../../server/domain/secrets'
import { AppError } from '../../../server/domain/errors'
import { TEST_AS_OF, TestClock } from '../../support/app'
import { testDb } from '../../support/db'
import { demoPerson } from '../../support/demo'

const cipher = new DataCipher('test-data-key-for-passwords-domain-01')
let h: DbHandle
let pool: pg.Pool | undefined
/** Everything the service does, in order: each statement's text (not its values) and each password hash check. */
const work: string[] = []
let passwords: PasswordService
const clock = new TestClock()

beforeAll(async () => {
  h = await testDb()
  await seedDemo(h.db, { cipher, asOf: TEST_AS_OF, production: false })
  const logger = { logQuery: (query: string) => { work.push(`sql: ${query}`) } }
  let db: Db
  if (h.pglite) {
    db = drizzlePglite({ client: h.pglite, schema, logger }) as unknown as Db
  } else {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 })
    db = drizzlePg({ client: pool, schema, logger }) as unknown as Db
  }
  passwords = new PasswordService(db, cipher, clock, {
    hash: hashPassword,
    verify: async (pw, stored) => { work.push('verify password'); return verifyPassword(pw, stored) },
  })
})
afterAll(async () => { await pool?.end(); await h.close() })

async function codeOf (who: PasswordIdentifier, password: string): Promise<string> {
  try {
    await passwords.login(who, password)
    return 'ok'
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return e.code
  }
}

/** Locks the identifier with five wrong tries, then records what one more try does. */
async function lockedTry (who: PasswordIdentifier): Promise<string[]> {
  for (let i = 0; i < 5; i++) await codeOf(who, '975310')
  work.length = 0
  expect(await codeOf(who, '975310')).toBe('account_locked')
  return [...work]
}

const nobodysId = (() => { const first = '11010519750505345'; return first + checkDigit(first) })()

test('a locked card number that names a person and one that names nobody do the same work', async () => {
  const person = await lockedTry({ cardNumber: demoPerson(1).cardNumber })
  const nobody = await lockedTry({ cardNumber: 'DM-NOBODY-404' })
  expect(person).toEqual(nobody)
  expect(person.filter((w) => w === 'verify password')).toHaveLength(1)
})

test('so do a locked ID number of a person and one of nobody', async () => {
  const person = await lockedTry({ idNumber: demoPerson(2).idNumber })
  const nobody = await lockedTry({ idNumber: nobodysId })
  expect(person).toEqual(nobody)
  expect(person.filter((w) => w === 'verify password')).toHaveLength(1)
})

test('and so do their wrong tries before the lock', async () => {
  clock.advance(31 * 60_000)
  const tryOnce = async (who: PasswordIdentifier) => {
    work.length = 0
    expect(await codeOf(who, '975310')).toBe('password_incorrect')
    return [...work]
  }
  expect(await tryOnce({ cardNumber: demoPerson(3).cardNumber })).toEqual(await tryOnce({ cardNumber: 'DM-NOBODY-405' }))
})
