// Typed calls for the hospital page (contract: types/api/institutions.ts): the institution behind a public entry
// code, for everyone, and the verified person's own spending and claims there this year.
import type { InstitutionEntry, InstitutionMine } from '../../../types/api/institutions'
import type { HttpClient } from '../../services/http'

export interface HospitalApi {
  entry (code: string): Promise<InstitutionEntry>
  mine (code: string): Promise<InstitutionMine>
}

export function createHospitalApi (http: HttpClient): HospitalApi {
  return {
    // The public part needs no session: sent without the bearer token, so a signed-in person's token does not ride
    // on a call any visitor makes (and an expired one cannot end it in a 401).
    entry: (code) => http.get<InstitutionEntry>(`/api/v1/institutions/entries/${encodeURIComponent(code)}`, { anonymous: true }),
    mine: (code) => http.get<InstitutionMine>(`/api/v1/institutions/entries/${encodeURIComponent(code)}/mine`),
  }
}
