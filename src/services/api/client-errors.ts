// A page that failed to draw, reported for the server's log (contract: types/api/client-errors.ts). Sent without the
// session: a report must never end one, and the server needs no identity to log it.
import type { ClientErrorReport } from '../../../types/api/client-errors'
import type { HttpClient } from '../http'

export interface ClientErrorsApi {
  report (body: ClientErrorReport): Promise<void>
}

export function createClientErrorsApi (http: HttpClient): ClientErrorsApi {
  return {
    report: (body) => http.post<void>('/api/v1/client-errors', body, { anonymous: true }),
  }
}
