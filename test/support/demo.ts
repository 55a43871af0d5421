// Facts about demo person n for the server tests, with the masks the server must apply, and the person's row id.
import { eq } from 'drizzle-orm'
import type { Db } from '../../server/db'
import { persons } from '../../server/db/schema'
import { DEMO_PERSONS, type DemoPersonFacts } from '../../server/demo/generator'
import { maskName } from '../../server/domain/mask'
import { regionName } from '../../server/domain/regions'

export function demoPerson (n: number): DemoPersonFacts & { maskedName: string; regionName: string } {
  const p = DEMO_PERSONS.find((d) => d.n === n)
  if (!p) throw new Error(`no demo person ${n}`)
  const region = regionName(p.regionCode)
  if (!region) throw new Error(`no region name for ${p.regionCode}`)
  return { ...p, maskedName: maskName(p.name), regionName: region }
}

/** The persons.id of demo person n in a seeded database (found by card number: ids depend on the seeding order). */
export async function demoPersonId (db: Db, n: number): Promise<number> {
  const [row] = await db.select({ id: persons.id }).from(persons).where(eq(persons.cardNumber, demoPerson(n).cardNumber))
  if (!row) throw new Error(`demo person ${n} is not in this database`)
  return row.id
}
