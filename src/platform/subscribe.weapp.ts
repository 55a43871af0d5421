// Subscribe messages in WeChat: wx.requestSubscribeMessage({ tmplIds }) opens the dialog in which the person agrees to
// receive one message of a template. WeChat (base library ≥ 2.8.2) opens it only from a tap, so it is called at once,
// in the same turn as the tap. Its success answer names each template id with 'accept' | 'reject' | 'ban' | 'filter';
// a failure carries errCode (20004: the person switched this mini-program's notices off; 10002 / 10003: network;
// 10005: the dialog could not show).
import type { SubscribeAnswer, SubscribeMessages } from './types'

type SubscribeSuccess = { errMsg?: string } & Record<string, string | undefined>

declare global {
  interface WxGlobal {
    /** Subscribe-message dialog (base library ≥ 2.4.4; from a tap only since 2.8.2). */
    requestSubscribeMessage?: (options: {
      tmplIds: string[], success?: (res: SubscribeSuccess) => void, fail?: (err: WxFailure) => void
    }) => void
  }
}

/** The main switch of this mini-program's notices is off (WeChat's 20004). */
const SWITCHED_OFF = 20004
const ANSWERS: ReadonlySet<string> = new Set(['accept', 'reject', 'ban', 'filter'])

export const subscribe: SubscribeMessages = {
  supported: true,
  request: (templateId) => new Promise<SubscribeAnswer>((resolve) => {
    // The executor runs now, synchronously: the dialog is asked for within the tap.
    const request = typeof wx === 'undefined' ? undefined : wx.requestSubscribeMessage
    if (typeof request !== 'function') {
      resolve('unsupported')
      return
    }
    try {
      request({
        tmplIds: [templateId],
        success: (res) => {
          const answer = res[templateId]
          resolve(answer && ANSWERS.has(answer) ? answer as SubscribeAnswer : 'failed')
        },
        fail: (err) => resolve(err.errCode === SWITCHED_OFF || /main switch/i.test(err.errMsg ?? '') ? 'switched_off' : 'failed'),
      })
    } catch {
      resolve('failed')
    }
  }),
}
