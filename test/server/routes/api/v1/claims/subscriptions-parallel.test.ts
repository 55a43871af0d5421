// The cap on unused WeChat subscriptions per claim holds when acceptances race through two server processes on one
// database (two connection pools on PostgreSQL; on PGlite both apps share its one connection).
import { and, eq, isNull, sql } from 'drizzle-orm'
import { DEV_CLAIM_TEMPLATE_ID } from '../../../../../../server/config'
import type { DbHandle } from '../../../../../../server/db'
import { claimSubscriptions, claims, persons } from '../../../../../../server/db/schema'
import { MAX_UNUSED_SUBSCRIPTIONS } from '../../../../../../server/domain/claims'
import { twoProcesses, type TestApp } from '../../../../../support/app'
import { verifiedDemoSession } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'

let both: Awaited<ReturnType<typeof twoProcesses>>; let a: TestApp; let b: TestApp; let first: DbHandle
beforeAll(async () => { both = await twoProcesses(); ({ a, b, first } = both) })
afterAll(async () => { await both.close() })

test('30 acceptances at once through two processes leave exactly the cap of unused subscriptions', async () => {
  const { headers } = await verifiedDemoSession(a, 3)
  const [claim] = await first.db.select({ id: claims.id }).from(claims).innerJoin(persons, eq(persons.id, claims.personId))
    .where(and(eq(persons.cardNumber, demoPerson(3).cardNumber), sql`${claims.stage} not in ('paid', 'rejected')`)).limit(1)
  const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).app.inject({
    method: 'POST', url: `/api/v1/claims/${claim!.id}/subscriptions`, headers, payload: { templateIds: [DEV_CLAIM_TEMPLATE_ID] },
  })))
  expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(200))
  const remaining = answers.map((r) => (r.json() as { remaining: number }).remaining)
  expect(Math.max(...remaining)).toBe(MAX_UNUSED_SUBSCRIPTIONS)
  const [row] = await first.db.select({ n: sql<number>`count(*)::int` }).from(claimSubscriptions)
    .where(and(eq(claimSubscriptions.claimId, claim!.id), isNull(claimSubscriptions.usedAt)))
  expect(row!.n).toBe(MAX_UNUSED_SUBSCRIPTIONS)
})
