// Biometric unlock in WeChat (SOTER): wx.checkIsSupportSoterAuthentication says which mode the phone has, and
// wx.startSoterAuthentication signs the server's challenge with the device key. The server checks that signature
// through WeChat's verify_signature; it only re-opens a session already verified another way on this phone.
import type { Biometric, BiometricMode, BiometricResult } from './types'

export const biometric: Biometric = {
  mode: () => new Promise<BiometricMode | null>((resolve) => {
    const check = wx.checkIsSupportSoterAuthentication
    if (typeof check !== 'function') {
      resolve(null)
      return
    }
    check({
      // Fingerprint first (the most common on phones that have both), then face.
      success: (res) => resolve(res.supportMode?.includes('fingerPrint') ? 'fingerPrint' : res.supportMode?.includes('facial') ? 'facial' : null),
      fail: () => resolve(null),
    })
  }),
  authenticate: ({ challenge, authContent, mode }) => new Promise<BiometricResult>((resolve) => {
    const start = wx.startSoterAuthentication
    if (typeof start !== 'function') {
      resolve('unsupported')
      return
    }
    start({
      requestAuthModes: [mode],
      challenge,
      authContent,
      success: (res) => res.resultJSON && res.resultJSONSignature
        ? resolve({ resultJSON: res.resultJSON, resultJSONSignature: res.resultJSONSignature })
        : resolve('failed'),
      // 90008 the person cancelled; 90009 / 90010 not recognised or too many tries; the rest: device trouble.
      fail: (err) => resolve(err.errCode === 90008 || /cancel/i.test(err.errMsg ?? '') ? 'cancelled' : 'failed'),
    })
  }),
}
