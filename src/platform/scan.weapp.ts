// WeChat: wx.scanCode, camera or album, plain QR codes and mini-program codes. `path` is filled when the code is a
// mini-program code of this app (its page and scene); `result` is the text of any other code.
import Taro from '@tarojs/taro'
import type { Scanner, ScanOutcome } from './scan'

export const scanner: Scanner = {
  camera: true,
  scan: () => new Promise<ScanOutcome>((resolve) => {
    Taro.scanCode({
      onlyFromCamera: false,
      // 'wxCode' (mini-program codes) is WeChat's own; Taro's typing lists only the standard kinds.
      scanType: ['qrCode', 'wxCode'] as Array<keyof Taro.scanCode.ScanType>,
      success: (res) => resolve({ content: { result: res.result, path: res.path } }),
      fail: (err) => resolve(/cancel/.test(err?.errMsg ?? '') ? 'cancelled' : 'failed'),
    }).catch(() => undefined) // the callbacks have answered
  }),
}
