// The platform adapter the app runs with: this build's variants of login and storage, in one object.
import { getPlatformLoginCode, loginPlatform } from './login'
import { storage } from './storage'
import type { PlatformAdapter } from './types'

export const platform: PlatformAdapter = { loginPlatform, getPlatformLoginCode, storage }
