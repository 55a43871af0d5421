// H5: a browser page gets no camera scanner here (it would need the camera permission and a decoder); 首页 offers
// to paste the link printed under a hospital's QR code, or one a family member sent, instead.
import type { Scanner } from './scan'

export const scanner: Scanner = {
  camera: false,
  scan: async () => 'unsupported',
}
