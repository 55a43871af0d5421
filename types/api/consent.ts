// Consent contract: the privacy policy and the separate consent for sensitive personal information (PIPL art. 29),
// their current versions and texts, whether this session's holder accepted them, and recording or withdrawing one.
import { Type, type Static } from 'typebox'

export const ConsentDocumentName = Type.Union([Type.Literal('privacy'), Type.Literal('sensitive')], {
  description: 'privacy = 隐私政策；sensitive = 敏感个人信息处理授权（单独同意）',
})
export type ConsentDocumentName = Static<typeof ConsentDocumentName>

export const ConsentChannel = Type.Union([Type.Literal('weapp'), Type.Literal('alipay'), Type.Literal('h5')], {
  description: '在哪里同意的：微信小程序、支付宝小程序或网页',
})
export type ConsentChannel = Static<typeof ConsentChannel>

export const ConsentVersion = Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z._-]+$', description: '文本版本，如 2026-11-25' })

/** A heading and its paragraphs: the texts are data, so the client draws them without knowing their content. */
export const ConsentSection = Type.Object({
  heading: Type.String(),
  paragraphs: Type.Array(Type.String()),
})
export type ConsentSection = Static<typeof ConsentSection>

export const ConsentDocument = Type.Object({
  document: ConsentDocumentName,
  version: ConsentVersion,
  title: Type.String({ description: '如《隐私政策》' }),
  /** The few points shown in the dialog or panel before the full text is opened. */
  summary: Type.Array(ConsentSection),
  /** The full text. */
  sections: Type.Array(ConsentSection),
})
export type ConsentDocument = Static<typeof ConsentDocument>

export const ConsentDocuments = Type.Object({ items: Type.Array(ConsentDocument) })
export type ConsentDocuments = Static<typeof ConsentDocuments>

export const ConsentStatus = Type.Object({
  document: ConsentDocumentName,
  /** The current version of the text. */
  version: ConsentVersion,
  title: Type.String(),
  /** When this session's holder accepted the current version; null if not (never, an older one, or withdrawn). */
  acceptedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type ConsentStatus = Static<typeof ConsentStatus>

export const ConsentStatusList = Type.Object({ items: Type.Array(ConsentStatus) })
export type ConsentStatusList = Static<typeof ConsentStatusList>

export const ConsentBody = Type.Object({
  document: ConsentDocumentName,
  /** The version the person was shown; a version that is no longer current is refused (409 consent_outdated). */
  version: ConsentVersion,
  channel: ConsentChannel,
}, { additionalProperties: false })
export type ConsentBody = Static<typeof ConsentBody>

export const ConsentParams = Type.Object({ document: ConsentDocumentName })
export type ConsentParams = Static<typeof ConsentParams>
