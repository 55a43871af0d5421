// The platform adapter the app runs with: this build's variants of login, storage, face check, biometric unlock,
// subscribe messages and the text size, in one object.
import { getPlatformLoginCode, loginPlatform } from './login'
import { storage } from './storage'
import { preferences } from './preferences'
import { face } from './face'
import { biometric } from './soter'
import { subscribe } from './subscribe'
import { platformFontSize } from './font-size'
import type { PlatformAdapter } from './types'

export const platform: PlatformAdapter = { loginPlatform, getPlatformLoginCode, storage, preferences, face, biometric, subscribe, fontSize: platformFontSize }
