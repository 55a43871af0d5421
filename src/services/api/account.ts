// Typed calls for the personal account (contract: types/api/account.ts).
import type { AccountSummary } from '../../../types/api/account'
import type { HttpClient } from '../http'

export interface AccountApi {
  getSummary (): Promise<AccountSummary>
}

export function createAccountApi (http: HttpClient): AccountApi {
  return {
    getSummary: () => http.get<AccountSummary>('/api/v1/account'),
  }
}
