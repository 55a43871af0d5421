// Handing a family share over, default variant (tsc and jest): nothing of a platform, so nothing is offered.
// Bundles use share.<TARO_ENV>.ts: WeChat's chat card (a private message where it can), Alipay's share panel, and on
// H5 the link itself (copied, and drawn as a QR code for a relative standing beside the owner).

/** How this build hands a grant over: a chat card (WeChat), the share panel (Alipay), or a link (H5). */
export type ShareWay = 'card' | 'panel' | 'link'

export interface ShareCapability {
  way: ShareWay
  /**
   * Before the card is sent (WeChat): marks it as a private message for the server's `activityId`, so that it cannot
   * be forwarded. True when marked; false when the plain card will go (no id, an old base library, a refusal).
   */
  prepareCard (activityId: string | null): Promise<boolean>
  /** Opens the platform's share panel, which the page's onShareAppMessage fills (Alipay). False when it did not open. */
  openPanel (): Promise<boolean>
  /** The family-view link for a token when the server knows no public address of its own (H5); null elsewhere. */
  webLink (token: string): string | null
  /** Puts the text on the clipboard. False when it could not (the page then shows the text to copy by hand). */
  copy (text: string): Promise<boolean>
  /** The text as a QR code picture (an SVG data URL) for a phone held up to this screen (H5); null elsewhere. */
  qrCode (text: string): Promise<string | null>
  /** Keeps the page out of screen recordings while it is shown, where the platform offers it; returns the undo. */
  hideFromCapture (): () => void
}

export const share: ShareCapability = {
  way: 'link',
  prepareCard: async () => false,
  openPanel: async () => false,
  webLink: () => null,
  copy: async () => false,
  qrCode: async () => null,
  hideFromCapture: () => () => undefined,
}
