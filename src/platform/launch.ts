// Which build this is, for the server's access log (X-Client-Channel; the entry scene comes from ./entry).
// Default variant (jest, tsc); each build has its own: launch.weapp.ts, launch.alipay.ts, launch.h5.ts.
import type { ClientChannel } from './types'

export const channel: ClientChannel = 'h5'
