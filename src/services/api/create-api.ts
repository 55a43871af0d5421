// The api object stores receive: every typed call, grouped by resource.
import type { HttpClient } from '../http'
import { createAccountApi, type AccountApi } from './account'
import { createAuthApi, type AuthApi } from './auth'
import { createBindingApi, type BindingApi } from './binding'
import { createClaimsApi, type ClaimsApi } from './claims'
import { createClientErrorsApi, type ClientErrorsApi } from './client-errors'
import { createConsentApi, type ConsentApi } from './consent'
import { createContributionsApi, type ContributionsApi } from './contributions'
import { createSpendingApi, type SpendingApi } from './spending'
import { createVerificationApi, type VerificationApi } from './verification'

export interface Api {
  auth: AuthApi
  account: AccountApi
  verification: VerificationApi
  binding: BindingApi
  consent: ConsentApi
  contributions: ContributionsApi
  spending: SpendingApi
  claims: ClaimsApi
  clientErrors: ClientErrorsApi
}

export function createApi (http: HttpClient): Api {
  return {
    auth: createAuthApi(http), account: createAccountApi(http), verification: createVerificationApi(http),
    binding: createBindingApi(http), consent: createConsentApi(http),
    contributions: createContributionsApi(http), spending: createSpendingApi(http), claims: createClaimsApi(http),
    clientErrors: createClientErrorsApi(http),
  }
}
