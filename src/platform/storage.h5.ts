// Session storage on H5: sessionStorage, so the token ends with the tab (never localStorage).
import { webStorage } from './web-storage'

export const storage = webStorage(() => window.sessionStorage)
