// Typed calls for 消费记录: the list, one settlement, the institutions for the filter, 家庭共济缴费, and
// 「不是我的消费」 with its withdrawal (contract: types/api/spending.ts).
import type {
  Dispute, DisputeBody, FamilyPremiumsPage, FamilyPremiumsQuery, SpendingDetail, SpendingInstitutions, SpendingPage,
  SpendingQuery,
} from '../../../types/api/spending'
import { KEYED, type HttpClient } from '../http'
import { withQuery } from './query'

export interface SpendingApi {
  list (query: SpendingQuery): Promise<SpendingPage>
  get (id: number): Promise<SpendingDetail>
  institutions (): Promise<SpendingInstitutions>
  familyPremiums (query: FamilyPremiumsQuery): Promise<FamilyPremiumsPage>
  dispute (id: number, body: DisputeBody): Promise<Dispute>
  withdrawDispute (id: number, disputeId: number): Promise<Dispute>
}

export function createSpendingApi (http: HttpClient): SpendingApi {
  return {
    list: (query) => http.get<SpendingPage>(withQuery('/api/v1/spending', { ...query })),
    get: (id) => http.get<SpendingDetail>(`/api/v1/spending/${id}`),
    institutions: () => http.get<SpendingInstitutions>('/api/v1/spending/institutions'),
    familyPremiums: (query) => http.get<FamilyPremiumsPage>(withQuery('/api/v1/spending/family-premiums', { ...query })),
    dispute: (id, body) => http.post<Dispute>(`/api/v1/spending/${id}/disputes`, body, KEYED),
    // An empty JSON object rather than no body (wx.request sends Content-Type: application/json regardless).
    withdrawDispute: (id, disputeId) => http.post<Dispute>(`/api/v1/spending/${id}/disputes/${disputeId}/withdraw`, {}, KEYED),
  }
}
