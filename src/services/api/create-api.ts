// The api object stores receive: every typed call, grouped by resource.
import type { HttpClient } from '../http'
import { createAccountApi, type AccountApi } from './account'
import { createAuthApi, type AuthApi } from './auth'
import { createVerificationApi, type VerificationApi } from './verification'

export interface Api {
  auth: AuthApi
  account: AccountApi
  verification: VerificationApi
}

export function createApi (http: HttpClient): Api {
  return { auth: createAuthApi(http), account: createAccountApi(http), verification: createVerificationApi(http) }
}
