// Non-sensitive preferences that outlive a session (the privacy-policy version agreed on this device), default
// variant (tsc, jest, and the mini-program builds): the same store as the session. H5 has its own variant.
export { storage as preferences } from './storage'
