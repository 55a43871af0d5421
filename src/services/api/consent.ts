// Typed calls for the consents: the current texts (no session needed), this session's standing, recording an
// acceptance and withdrawing one (contract: types/api/consent.ts).
import type {
  ConsentBody, ConsentDocumentName, ConsentDocuments, ConsentStatus, ConsentStatusList,
} from '../../../types/api/consent'
import { KEYED, type HttpClient } from '../http'

export interface ConsentApi {
  /** Public: the texts the first-run dialog shows before anyone signs in. */
  getDocuments (): Promise<ConsentDocuments>
  getStatus (): Promise<ConsentStatusList>
  accept (body: ConsentBody): Promise<ConsentStatus>
  withdraw (document: ConsentDocumentName): Promise<ConsentStatus>
}

export function createConsentApi (http: HttpClient): ConsentApi {
  return {
    getDocuments: () => http.get<ConsentDocuments>('/api/v1/consents/documents', { anonymous: true }),
    getStatus: () => http.get<ConsentStatusList>('/api/v1/consents'),
    accept: (body) => http.post<ConsentStatus>('/api/v1/consents', body, KEYED),
    // An empty JSON object, not no body: wx.request sends Content-Type: application/json regardless, and an
    // empty body with that type is a 400 on Fastify.
    withdraw: (document) => http.request<ConsentStatus>('DELETE', `/api/v1/consents/${document}`, { data: {}, ...KEYED }),
  }
}
