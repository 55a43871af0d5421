// Subscribe messages, default variant (tsc, jest, and the Alipay and H5 builds): not offered. Claim notices go through
// WeChat subscribe messages only (the server sends them to a WeChat openid); elsewhere the offer is not shown.
import type { SubscribeMessages } from './types'

export const subscribe: SubscribeMessages = {
  supported: false,
  request: async () => 'unsupported',
}
