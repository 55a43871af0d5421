// Alipay: which build this is and its launch scene, for the server's access log.
import type { ClientChannel } from './types'

export const channel: ClientChannel = 'alipay'
export { miniEntryScene as entryScene } from './mini-scene'
