// Fakes for the consent api: the two current texts, a session whose holder has accepted both (what every other
// store and page test assumes), and answers that echo what was sent. Consent tests set other answers.
import type { ConsentBody, ConsentDocument, ConsentDocumentName, ConsentStatus, ConsentStatusList } from '../../../types/api/consent'
import type { ConsentApi } from '../../../src/services/api/consent'

export const CONSENT_VERSION = '2026-11-25'
export const ACCEPTED_AT = '2026-11-20T03:00:00.000Z'

const title = (document: ConsentDocumentName) => document === 'privacy' ? '《隐私政策》' : '《敏感个人信息处理授权书》'

export function consentDocument (document: ConsentDocumentName, version = CONSENT_VERSION): ConsentDocument {
  return document === 'privacy'
    ? {
        document, version, title: title(document),
        summary: [{ heading: '我们收集什么', paragraphs: ['登录时的账号标识和手机号。'] }, { heading: '您的权利', paragraphs: ['可以随时撤回同意，有疑问请拨打 12393。'] }],
        sections: [{ heading: '一、我们是谁', paragraphs: ['本小程序由参保地医保经办机构提供。'] }, { heading: '九、联系我们', paragraphs: [`版本 ${version}`] }],
      }
    : {
        document, version, title: title(document),
        summary: [
          { heading: '我们会处理', paragraphs: ['您的医保个人账户余额、每月缴费、就医和费用、报销记录。'] },
          { heading: '可以随时撤回', paragraphs: ['以后可以在「设置 › 隐私与授权」中撤回。'] },
          { heading: '有疑问', paragraphs: ['请拨打 12393 医保服务热线。'] },
        ],
        sections: [{ heading: '一、为什么要单独征求您的同意', paragraphs: ['医保账户和就医信息关系到您的财产和健康隐私。'] }],
      }
}

export function consentStatus (document: ConsentDocumentName, acceptedAt: string | null, version = CONSENT_VERSION): ConsentStatus {
  return { document, version, title: title(document), acceptedAt }
}

export const bothAccepted: ConsentStatusList = {
  items: [consentStatus('privacy', ACCEPTED_AT), consentStatus('sensitive', ACCEPTED_AT)],
}

export function fakeConsentApi () {
  return {
    getDocuments: jest.fn(async () => ({ items: [consentDocument('privacy'), consentDocument('sensitive')] })),
    getStatus: jest.fn(async (): Promise<ConsentStatusList> => bothAccepted),
    accept: jest.fn(async (body: ConsentBody) => consentStatus(body.document, ACCEPTED_AT, body.version)),
    withdraw: jest.fn(async (document: ConsentDocumentName) => consentStatus(document, null)),
  } satisfies ConsentApi
}
