// Face check on H5: not offered (SMS and the query password instead). Taro's H5 build would "succeed" unsupported APIs, so none is called.
import type { FaceCheck } from './types'

export const face: FaceCheck = {
  platform: null,
  run: async () => 'unsupported',
}
