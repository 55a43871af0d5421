// Alipay: which build this is, for the server's access log.
import type { ClientChannel } from './types'

export const channel: ClientChannel = 'alipay'
