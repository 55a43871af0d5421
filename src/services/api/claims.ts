// Typed calls for 报销进度: the list, one claim with its timeline, and the stage-change notices the person agreed
// to in WeChat (contract: types/api/claims.ts).
import type { ClaimDetail, ClaimsPage, ClaimsQuery, ClaimSubscribeResult } from '../../../types/api/claims'
import { KEYED, type HttpClient } from '../http'
import { withQuery } from './query'

export interface ClaimsApi {
  list (query: ClaimsQuery): Promise<ClaimsPage>
  get (id: number): Promise<ClaimDetail>
  subscribe (id: number, templateIds: string[]): Promise<ClaimSubscribeResult>
}

export function createClaimsApi (http: HttpClient): ClaimsApi {
  return {
    list: (query) => http.get<ClaimsPage>(withQuery('/api/v1/claims', { ...query })),
    get: (id) => http.get<ClaimDetail>(`/api/v1/claims/${id}`),
    subscribe: (id, templateIds) => http.post<ClaimSubscribeResult>(`/api/v1/claims/${id}/subscriptions`, { templateIds }, KEYED),
  }
}
