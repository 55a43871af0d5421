// Non-sensitive preferences on H5: localStorage, so that the privacy policy agreed on this browser is not asked
// again in every new tab. Nothing sensitive goes here: the session token stays in sessionStorage.
import { webStorage } from './web-storage'

export const preferences = webStorage(() => window.localStorage)
