// Biometric unlock, default variant (tsc, jest, and the Alipay and H5 builds): not offered.
import type { Biometric } from './types'

export const biometric: Biometric = {
  mode: async () => null,
  authenticate: async () => 'unsupported',
}
