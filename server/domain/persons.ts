// A person's standing: deactivation (no longer insured here) ends every session of theirs in the same transaction,
// so nothing they opened before keeps reading; authentication also checks the status on every request.
import type { Db } from '../db'
import { deactivatePersonRow } from '../db/repositories/persons'
import { revokeSessionsOfPerson } from '../db/repositories/sessions'

/** True when the person was active and is now inactive; false when there was nothing to deactivate. */
export async function deactivatePerson (db: Db, personId: number, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await deactivatePersonRow(tx, personId))) return false
    await revokeSessionsOfPerson(tx, personId, now)
    return true
  })
}
