// The current version, title and full text of the two consent documents: the privacy policy and the separate
// consent for sensitive personal information (PIPL art. 28–29). Changing a text means a new version here; every
// holder is then asked again, because an acceptance counts only for the version that was shown.
import type { ConsentDocument, ConsentDocumentName } from '../../types/api/consent'

const privacy: ConsentDocument = {
  document: 'privacy',
  version: '2026-12-07',
  title: '《隐私政策》',
  summary: [
    { heading: '我们收集什么', paragraphs: ['登录时的微信或支付宝账号标识、手机号；核对身份时您填写的身份证号、医保卡号和查询密码。'] },
    { heading: '用来做什么', paragraphs: ['只用于确认是您本人，并向您本人显示您的医保信息。不用于广告，不卖给任何人。'] },
    { heading: '怎么保护', paragraphs: ['证件号、手机号加密保存，页面上只显示部分内容；每次查看都留有记录。'] },
    { heading: '您的权利', paragraphs: ['您可以查阅、更正、删除您的信息，也可以随时撤回同意。有疑问请拨打 12393 医保服务热线。'] },
  ],
  sections: [
    {
      heading: '一、我们是谁',
      paragraphs: [
        '本小程序由您参保地的医疗保障经办机构（或其委托的服务单位）提供，用于查询您本人的医保个人账户、缴费、就医费用和报销进度。',
        '本政策说明我们在提供这些服务时，如何收集、使用、保存和保护您的个人信息，以及您享有的权利。',
      ],
    },
    {
      heading: '二、我们收集哪些信息',
      paragraphs: [
        '1. 登录信息：您用微信或支付宝登录时，平台提供给我们的账号标识（不含您的微信或支付宝密码）；您用手机号登录时的手机号和短信验证码。',
        '2. 身份核对信息：您填写的姓名、身份证号、医保卡号、查询密码，以及刷脸验证的结果（刷脸由微信或支付宝完成，我们不保存您的面部照片）。',
        '3. 使用记录：您查看了哪些页面、什么时候查看，以及出错时的技术信息。这些记录不包含您的医保数据本身。',
      ],
    },
    {
      heading: '三、我们怎样使用这些信息',
      paragraphs: [
        '只用于：确认是您本人在使用；向您本人显示您的医保信息；在您主动分享时，让您选定的人看到您选定的内容；保障服务安全、排查故障。',
        '我们不会把您的信息用于广告推送，不会出售，也不会用于与上述目的无关的用途。',
      ],
    },
    {
      heading: '四、敏感个人信息',
      paragraphs: [
        '身份证号，以及您的医保账户余额、缴费、就医和费用、报销记录，属于敏感个人信息。查看医保账户信息之前，我们会另外单独征求您的同意；您不同意的，我们不会读取和显示这些信息。',
      ],
    },
    {
      heading: '五、保存和保护',
      paragraphs: [
        '您的信息保存在中华人民共和国境内。身份证号、手机号加密保存，查询密码只保存无法还原的摘要，页面上只显示部分内容。',
        '登录状态在一段时间不操作后自动失效；查看账户信息前需要再次核对身份。每一次查看都留有记录，您可以在「谁查看了我的数据」中看到。',
        '我们只在提供服务所必需的期限内保存您的信息，法律法规另有规定的除外。',
      ],
    },
    {
      heading: '六、对外提供',
      paragraphs: [
        '除法律法规规定、或经您单独同意外，我们不会向任何第三方提供您的个人信息。',
        '微信、支付宝登录和刷脸验证由相应平台按其规则处理；短信验证码由短信服务单位发送，它只得到您的手机号和验证码。',
      ],
    },
    {
      heading: '七、您的权利',
      paragraphs: [
        '您可以查阅、复制、更正您的个人信息，可以要求删除，也可以随时撤回您的同意。撤回同意可以在「首页 › 设置 › 隐私与授权」办理；撤回不影响撤回前已经进行的处理。',
        '如果您不同意本政策，您仍然可以阅读本小程序的介绍，但无法登录和查看您的医保信息。',
      ],
    },
    {
      heading: '八、未成年人',
      paragraphs: ['不满十四周岁的未成年人，请在父母或其他监护人的陪同和同意下使用本小程序。'],
    },
    {
      heading: '九、联系我们',
      paragraphs: ['对本政策或您的个人信息有任何疑问、意见或投诉，请拨打 12393 医保服务热线，或到参保地医保经办机构咨询。我们会在十五个工作日内答复。'],
    },
    {
      heading: '十、政策更新',
      paragraphs: ['本政策更新后，我们会在您下次打开小程序时请您重新阅读并同意。本版本更新于 2026 年 12 月 7 日。'],
    },
  ],
}

const sensitive: ConsentDocument = {
  document: 'sensitive',
  version: '2026-12-07',
  title: '《敏感个人信息处理授权书》',
  summary: [
    { heading: '我们会处理', paragraphs: ['您的医保个人账户余额、每月缴费、就医和费用、报销记录。'] },
    { heading: '为什么需要', paragraphs: ['为了把这些信息显示给您本人，方便您核对账户的每一笔变动、了解报销办到了哪一步。'] },
    { heading: '可以随时撤回', paragraphs: ['以后可以在「首页 › 设置 › 隐私与授权」中撤回，撤回后就不再显示这些信息。'] },
    { heading: '有疑问', paragraphs: ['请拨打 12393 医保服务热线。'] },
  ],
  sections: [
    {
      heading: '一、为什么要单独征求您的同意',
      paragraphs: [
        '医保账户和就医信息关系到您的财产和健康隐私，一旦泄露可能对您造成损害。依照《中华人民共和国个人信息保护法》，处理这类敏感个人信息需要取得您的单独同意。',
      ],
    },
    {
      heading: '二、我们会处理哪些信息',
      paragraphs: [
        '1. 医保个人账户：余额，以及每一笔收入和支出。',
        '2. 缴费：每月（或每年）的缴费记录，包括缴费基数、个人缴费和单位缴费。',
        '3. 就医和费用：在哪家医院或药店、什么时候、看病或买药的费用，以及其中统筹基金、个人账户和自己支付的部分。',
        '4. 报销：您的报销申请、审核进度和结果。',
      ],
    },
    {
      heading: '三、用来做什么',
      paragraphs: [
        '只用于在本小程序中向您本人显示，帮助您核对账户变动、了解报销进度；以及您主动分享某一条报销进度时，向您选定的人显示您选定的内容。',
        '我们不会用这些信息做广告或用户画像，不会提供给保险公司或其他商业机构。',
      ],
    },
    {
      heading: '四、怎么保护',
      paragraphs: [
        '这些信息通过加密连接传输；每次查看前需要核对是您本人；每一次查看都留有记录，您可以在「谁查看了我的数据」中看到。',
      ],
    },
    {
      heading: '五、不同意或撤回会怎样',
      paragraphs: [
        '您可以不同意。不同意不影响您看病就医和按规定报销，只是无法在本小程序查看这些信息，您仍然可以到医保经办窗口或拨打 12393 查询。',
        '同意后，您可以随时在「首页 › 设置 › 隐私与授权」撤回。撤回后我们不再读取和显示这些信息；撤回不影响撤回前已经进行的处理。',
      ],
    },
    {
      heading: '六、联系我们',
      paragraphs: ['如有疑问，请拨打 12393 医保服务热线，或到参保地医保经办机构咨询。本授权书版本更新于 2026 年 12 月 7 日。'],
    },
  ],
}

/** The current text of each document, in the order the person meets them. */
export const consentDocuments: readonly ConsentDocument[] = [privacy, sensitive]

export function currentDocument (name: ConsentDocumentName): ConsentDocument {
  return name === 'privacy' ? privacy : sensitive
}
