// The api object stores receive: every typed call, grouped by resource.
import type { HttpClient } from '../http'
import { createAccountApi, type AccountApi } from './account'
import { createAuthApi, type AuthApi } from './auth'

export interface Api {
  auth: AuthApi
  account: AccountApi
}

export function createApi (http: HttpClient): Api {
  return { auth: createAuthApi(http), account: createAccountApi(http) }
}
