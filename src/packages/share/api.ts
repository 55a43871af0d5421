// 分享给家人's calls (contract: types/api/shares.ts): make a grant for one claim, 我的分享 and its revocations, and the
// family view, whose token travels only in the X-Share-Token header (never in a URL) and never with a session.
import type { ShareCreateBody, ShareCreated, ShareList, ShareRevoked, ShareView } from '../../../types/api/shares'
import { KEYED, type HttpClient } from '../../services/http'

export interface ShareApi {
  create (claimId: number, body: ShareCreateBody): Promise<ShareCreated>
  list (): Promise<ShareList>
  revoke (id: number): Promise<ShareRevoked>
  revokeAll (): Promise<ShareRevoked>
  view (token: string): Promise<ShareView>
}

export function createShareApi (http: HttpClient): ShareApi {
  return {
    create: (claimId, body) => http.post<ShareCreated>(`/api/v1/claims/${claimId}/shares`, body, KEYED),
    list: () => http.get<ShareList>('/api/v1/shares'),
    // An empty JSON object rather than no body (wx.request sends Content-Type: application/json regardless).
    revoke: (id) => http.post<ShareRevoked>(`/api/v1/shares/${id}/revoke`, {}, KEYED),
    revokeAll: () => http.post<ShareRevoked>('/api/v1/shares/revoke-all', {}, KEYED),
    // Anonymous: a relative who happens to be signed in to this app must not be logged as themselves reading it.
    view: (token) => http.get<ShareView>('/api/v1/share-view', { anonymous: true, header: { 'X-Share-Token': token } }),
  }
}
