// Handing a share over, each build's variant against a stand-in platform: WeChat marks the card private with the
// server's activity id (and undoes the mark for a grant without one), falling back to the plain card; Alipay opens
// its share panel; H5 makes the link from its origin, copies it (clipboard, else the older selection way) and draws
// it as an SVG QR code; screen-recording protection where WeChat offers it.
import { share as wechat } from '../../../src/platform/share.weapp'
import { share as alipay } from '../../../src/platform/share.alipay'
import { share as browser } from '../../../src/platform/share.h5'
import { share as fallback } from '../../../src/platform/share'

type Callbacks = { success?: () => void, fail?: (err: { errMsg?: string }) => void }
const g = globalThis as unknown as { wx?: Record<string, unknown>, my?: Record<string, unknown> }
afterEach(() => { delete g.wx; delete g.my })

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012_-9'

describe('WeChat', () => {
  it('marks the card as a private message for the activity id', async () => {
    const update = jest.fn((o: Callbacks) => o.success?.())
    g.wx = { updateShareMenu: update }
    expect(wechat.way).toBe('card')
    await expect(wechat.prepareCard('act-1')).resolves.toBe(true)
    expect(update.mock.calls[0]![0]).toMatchObject({ withShareTicket: true, isPrivateMessage: true, activityId: 'act-1' })
  })

  it('without an id, undoes an earlier mark so the plain card goes', async () => {
    const update = jest.fn((o: Callbacks) => o.success?.())
    g.wx = { updateShareMenu: update }
    await expect(wechat.prepareCard(null)).resolves.toBe(false)
    expect(update.mock.calls[0]![0]).toMatchObject({ withShareTicket: false, isPrivateMessage: false })
    expect(update.mock.calls[0]![0]).not.toHaveProperty('activityId')
  })

  it('a refusal, a throw or an old base library leave the plain card', async () => {
    g.wx = { updateShareMenu: (o: Callbacks) => o.fail?.({ errMsg: 'updateShareMenu:fail invalid activityId' }) }
    await expect(wechat.prepareCard('act-2')).resolves.toBe(false)
    g.wx = { updateShareMenu: () => { throw new Error('no') } }
    await expect(wechat.prepareCard('act-2')).resolves.toBe(false)
    g.wx = {}
    await expect(wechat.prepareCard('act-2')).resolves.toBe(false)
  })

  it('hides the family view from screen recording while shown, and undoes it', () => {
    const set = jest.fn()
    g.wx = { setVisualEffectOnCapture: set }
    const undo = wechat.hideFromCapture()
    expect(set.mock.calls[0]![0]).toMatchObject({ visualEffect: 'hidden' })
    undo()
    expect(set.mock.calls[1]![0]).toMatchObject({ visualEffect: 'none' })
    g.wx = {}
    expect(() => wechat.hideFromCapture()()).not.toThrow()
  })

  it('offers no link, copy or QR code of its own (the card carries the grant)', async () => {
    expect(wechat.webLink(TOKEN)).toBeNull()
    await expect(wechat.qrCode('x')).resolves.toBeNull()
    await expect(wechat.openPanel()).resolves.toBe(false)
  })
})

describe('Alipay', () => {
  it('opens the share panel; says so when it cannot', async () => {
    const open = jest.fn()
    g.my = { showSharePanel: open }
    expect(alipay.way).toBe('panel')
    await expect(alipay.openPanel()).resolves.toBe(true)
    expect(open).toHaveBeenCalledTimes(1)
    g.my = {}
    await expect(alipay.openPanel()).resolves.toBe(false)
    await expect(alipay.prepareCard('act')).resolves.toBe(false)
  })
})

describe('H5', () => {
  const nav = navigator as unknown as { clipboard?: { writeText: (t: string) => Promise<void> } }
  const doc = document as unknown as { execCommand?: (c: string) => boolean }
  afterEach(() => { delete nav.clipboard; delete doc.execCommand })

  it('makes the link from this origin, the token after #', () => {
    expect(browser.way).toBe('link')
    expect(browser.webLink(TOKEN)).toBe(`${window.location.origin}/#/packages/share/pages/view/index?t=${TOKEN}`)
  })

  it('copies through the clipboard API, else by selecting a hidden text area', async () => {
    const writeText = jest.fn(async () => undefined)
    nav.clipboard = { writeText }
    await expect(browser.copy('https://x.test/#/a')).resolves.toBe(true)
    expect(writeText).toHaveBeenCalledWith('https://x.test/#/a')

    writeText.mockRejectedValueOnce(new Error('NotAllowedError'))
    const exec = jest.fn(() => true)
    doc.execCommand = exec
    await expect(browser.copy('https://x.test/#/b')).resolves.toBe(true)
    expect(exec).toHaveBeenCalledWith('copy')
    expect(document.querySelector('textarea')).toBeNull()

    delete nav.clipboard
    doc.execCommand = () => false
    await expect(browser.copy('https://x.test/#/c')).resolves.toBe(false)
  })

  it('draws the link as an SVG QR code', async () => {
    // jsdom has no TextEncoder, which every browser has (the QR library encodes the text with it).
    const globals = globalThis as unknown as { TextEncoder?: unknown }
    globals.TextEncoder ??= (await import('node:util')).TextEncoder
    const qr = await browser.qrCode(`https://x.test/#/packages/share/pages/view/index?t=${TOKEN}`)
    expect(qr).toMatch(/^data:image\/svg\+xml;charset=utf-8,/)
    expect(decodeURIComponent(qr!.split(',')[1]!)).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"/)
  })
})

describe('default (tests, type checks)', () => {
  it('offers nothing', async () => {
    await expect(fallback.prepareCard('x')).resolves.toBe(false)
    await expect(fallback.copy('x')).resolves.toBe(false)
    expect(fallback.webLink(TOKEN)).toBeNull()
  })
})
