// Screen-recording protection: WeChat's setVisualEffectOnCapture asked for 'hidden' and undone with 'none'; a WeChat
// without it, or one that throws (iOS), and the other builds change nothing and never fail the page.
import { hideFromCapture as wechat } from '../../../src/platform/capture.weapp'
import { hideFromCapture as elsewhere } from '../../../src/platform/capture'

const g = globalThis as unknown as { wx?: Record<string, unknown> }
afterEach(() => { delete g.wx })

test('WeChat: hidden while shown, none after; absent or throwing, nothing happens', () => {
  const effects: string[] = []
  g.wx = { setVisualEffectOnCapture: (o: { visualEffect: string }) => { effects.push(o.visualEffect) } }
  const undo = wechat()
  expect(effects).toEqual(['hidden'])
  undo()
  expect(effects).toEqual(['hidden', 'none'])
  g.wx = {}
  expect(() => wechat()()).not.toThrow()
  g.wx = { setVisualEffectOnCapture: () => { throw new Error('not supported') } }
  expect(() => wechat()()).not.toThrow()
  delete g.wx
  expect(() => wechat()()).not.toThrow()
  expect(() => elsewhere()()).not.toThrow()
})
