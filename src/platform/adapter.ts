// The platform adapter the app runs with: this build's variants of login, storage, face check and biometric unlock, in one object.
import { getPlatformLoginCode, loginPlatform } from './login'
import { storage } from './storage'
import { preferences } from './preferences'
import { face } from './face'
import { biometric } from './soter'
import type { PlatformAdapter } from './types'

export const platform: PlatformAdapter = { loginPlatform, getPlatformLoginCode, storage, preferences, face, biometric }
