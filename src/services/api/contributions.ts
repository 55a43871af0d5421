// Typed call for 缴费记录 (contract: types/api/contributions.ts).
import type { ContributionsPage, ContributionsQuery } from '../../../types/api/contributions'
import type { HttpClient } from '../http'
import { withQuery } from './query'

export interface ContributionsApi {
  list (query: ContributionsQuery): Promise<ContributionsPage>
}

export function createContributionsApi (http: HttpClient): ContributionsApi {
  return {
    list: (query) => http.get<ContributionsPage>(withQuery('/api/v1/contributions', { ...query })),
  }
}
