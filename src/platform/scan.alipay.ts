// Alipay: my.scan. `code` is the text read (`qrCode` on older clients); error 10 is the person closing the scanner.
import type { Scanner, ScanOutcome } from './scan'

export const scanner: Scanner = {
  camera: true,
  scan: () => new Promise<ScanOutcome>((resolve) => {
    if (typeof my.scan !== 'function') {
      resolve('unsupported')
      return
    }
    my.scan({
      scanType: ['qrCode'],
      success: (res) => resolve({ content: { result: res.code ?? res.qrCode ?? null } }),
      fail: (err) => resolve(err?.error === 10 ? 'cancelled' : 'failed'),
    })
  }),
}
