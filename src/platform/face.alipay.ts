// Face check in Alipay: my.startAPVerify with the certify_id and url the server got from certify initialize and
// certify. resultStatus is only a hint (9000 done, 6001 cancelled); the server's certify query decides.
import type { FaceCheck, FaceOutcome } from './types'

export const face: FaceCheck = {
  platform: 'alipay',
  run: (start) => new Promise<FaceOutcome>((resolve) => {
    const startVerify = my.startAPVerify
    if (start.platform !== 'alipay' || typeof startVerify !== 'function') {
      resolve('unsupported')
      return
    }
    startVerify({
      url: start.url,
      certifyId: start.certifyId,
      success: (res) => resolve(res.resultStatus === '9000' ? 'done' : res.resultStatus === '6001' ? 'cancelled' : 'failed'),
      fail: () => resolve('failed'),
    })
  }),
}
