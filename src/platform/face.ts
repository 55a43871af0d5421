// Face check, default variant (tsc and jest): no platform face check. Bundles use face.<TARO_ENV>.ts.
import type { FaceCheck } from './types'

export const face: FaceCheck = {
  platform: null,
  run: async () => 'unsupported',
}
