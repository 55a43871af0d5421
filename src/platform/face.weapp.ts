// Face check in WeChat: face 2.0's wx.requestFacialVerify with the verify_id the server got from getverifyid.
// Its callbacks say only that the camera step ended; the server's own queryverifyinfo decides.
import type { FaceCheck, FaceOutcome } from './types'

export const face: FaceCheck = {
  platform: 'wechat',
  run: (start) => new Promise<FaceOutcome>((resolve) => {
    const request = wx.requestFacialVerify
    if (start.platform !== 'wechat' || typeof request !== 'function') {
      resolve('unsupported') // WeChat older than base library 3.8.12
      return
    }
    request({
      verifyId: start.verifyId,
      success: () => resolve('done'),
      fail: (err) => resolve(/cancel/i.test(err.errMsg ?? '') ? 'cancelled' : 'failed'),
    })
  }),
}
