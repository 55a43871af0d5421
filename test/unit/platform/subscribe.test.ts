// Subscribe messages, each build's variant, against a stand-in wx: WeChat's dialog is asked for synchronously (within
// the tap), with the one template id, and each way it can end is told apart; elsewhere nothing is offered or called.
import { subscribe as wechatSubscribe } from '../../../src/platform/subscribe.weapp'
import { subscribe as defaultSubscribe } from '../../../src/platform/subscribe'
import { platform } from '../../../src/platform/adapter'

type Options = { tmplIds: string[], success?: (res: Record<string, string>) => void, fail?: (err: { errCode?: number, errMsg?: string }) => void }
const g = globalThis as unknown as { wx?: Record<string, unknown> }
afterEach(() => { delete g.wx })

const T = 'tmpl-claim-progress'

describe('subscribe messages, WeChat', () => {
  it('opens wx.requestSubscribeMessage at once with the template id, and reads its answer for that id', async () => {
    const request = jest.fn((o: Options) => o.success?.({ errMsg: 'requestSubscribeMessage:ok', [T]: 'accept' }))
    g.wx = { requestSubscribeMessage: request }
    expect(wechatSubscribe.supported).toBe(true)
    const answer = wechatSubscribe.request(T)
    expect(request).toHaveBeenCalledTimes(1) // before anything was awaited: still within the tap
    expect(request.mock.calls[0]![0].tmplIds).toEqual([T])
    await expect(answer).resolves.toBe('accept')
  })

  it.each(['reject', 'ban', 'filter'] as const)('tells %s apart', async (value) => {
    g.wx = { requestSubscribeMessage: (o: Options) => o.success?.({ errMsg: 'requestSubscribeMessage:ok', [T]: value }) }
    await expect(wechatSubscribe.request(T)).resolves.toBe(value)
  })

  it('an answer that does not name the template, or an unknown word, is a failure, never an acceptance', async () => {
    g.wx = { requestSubscribeMessage: (o: Options) => o.success?.({ errMsg: 'requestSubscribeMessage:ok', other: 'accept' }) }
    await expect(wechatSubscribe.request(T)).resolves.toBe('failed')
    g.wx = { requestSubscribeMessage: (o: Options) => o.success?.({ errMsg: 'requestSubscribeMessage:ok', [T]: 'acceptWithAudio' }) }
    await expect(wechatSubscribe.request(T)).resolves.toBe('failed')
  })

  it('the notices switched off (20004) apart from other failures; no such API; a throw', async () => {
    g.wx = { requestSubscribeMessage: (o: Options) => o.fail?.({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail The main switch is switched off' }) }
    await expect(wechatSubscribe.request(T)).resolves.toBe('switched_off')
    g.wx = { requestSubscribeMessage: (o: Options) => o.fail?.({ errCode: 10005, errMsg: 'requestSubscribeMessage:fail Cannot show subscribe message UI' }) }
    await expect(wechatSubscribe.request(T)).resolves.toBe('failed')
    g.wx = { requestSubscribeMessage: (o: Options) => o.fail?.({ errCode: 10002, errMsg: 'requestSubscribeMessage:fail Request list fail' }) }
    await expect(wechatSubscribe.request(T)).resolves.toBe('failed')
    g.wx = { requestSubscribeMessage: () => { throw new Error('boom') } }
    await expect(wechatSubscribe.request(T)).resolves.toBe('failed')
    g.wx = {}
    await expect(wechatSubscribe.request(T)).resolves.toBe('unsupported')
  })
})

it('Alipay and H5 (the default variant) offer nothing and call nothing', async () => {
  const request = jest.fn()
  g.wx = { requestSubscribeMessage: request }
  expect(defaultSubscribe.supported).toBe(false)
  await expect(defaultSubscribe.request(T)).resolves.toBe('unsupported')
  expect(request).not.toHaveBeenCalled()
  // The adapter the app runs with carries this build's variant (jest resolves the default one).
  expect(platform.subscribe).toBe(defaultSubscribe)
})
