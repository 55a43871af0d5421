// Turns every failure into {"error":{code,message}} with the right status and a Chinese message; 5xx only for bugs.
import fp from 'fastify-plugin'
import type { FastifyError } from 'fastify'
import localizeZh from 'ajv-i18n/localize/zh'
import { AppError, errorBody } from '../domain/errors'
import { messageFor, statusCodeNames } from '../domain/messages'

interface AjvError { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string }

const fieldLabels: Record<string, string> = {
  phone: '手机号', code: '验证码', platform: '登录平台', purpose: '用途', authorization: '登录凭证',
  '/api/v1/auth/login/platform#code': '平台登录凭证',
  idNumber: '身份证号', cardNumber: '医保卡号', password: '查询密码', newPassword: '新的查询密码',
  document: '授权文本', version: '文本版本', channel: '使用渠道',
  cursor: '翻页位置', limit: '每页条数', from: '开始日期', to: '结束日期',
  stage: '办理阶段', '/api/v1/claims/:id#id': '报销申请编号', '/api/v1/claims/:id/subscriptions#id': '报销申请编号', templateIds: '同意的提醒模板',
  '/api/v1/spending#type': '就诊类型', institution: '医疗机构', '/api/v1/spending/:id#id': '消费记录编号', '/api/v1/spending/:id/disputes#id': '消费记录编号',
  '/api/v1/spending/:id/disputes#note': '补充说明', '/api/v1/spending/:id/disputes/:disputeId/withdraw#id': '消费记录编号', disputeId: '申诉编号',
  entryCode: '二维码', institutionCode: '机构编码',
  duration: '有效期', showAmounts: '是否显示金额', recipientLabel: '备注', '/api/v1/claims/:id/shares#id': '报销申请编号',
  '/api/v1/shares/:id/revoke#id': '分享编号',
}
/** The most specific entry: this route's field first, then the field anywhere. */
const lookup = (table: Record<string, string>, route: string, field: string) => table[`${route}#${field}`] ?? table[field]
const typeNames: Record<string, string> = {
  object: '一组字段', array: '列表', string: '文字', integer: '整数', number: '数字', boolean: '是或否', null: '空值',
}
/** Messages for a field whose rule failed, where a generic one would not say what to do. */
const fieldHints: Record<string, string> = {
  phone: '请输入正确的 11 位手机号',
  '/api/v1/auth/login/sms#code': '请输入短信中的 6 位数字验证码',
  platform: '登录平台只能是微信或支付宝',
  '/api/v1/auth/password-reset#code': '请输入短信中的 6 位数字验证码',
  idNumber: '请输入 18 位身份证号（最后一位可能是 X）',
  cardNumber: '请输入正确的医保卡号（字母和数字）',
  password: '查询密码为 6 位数字',
  newPassword: '新的查询密码应为 6 位数字',
  limit: '每页条数应为 1 到 100 之间的整数', from: '请选择正确的开始日期，格式如 2026-01-31', to: '请选择正确的结束日期，格式如 2026-12-31',
  '/api/v1/spending#type': '就诊类型只能是门诊、住院或药店', institution: '医疗机构编码不正确，请从机构列表中选择',
  entryCode: '二维码无法识别，请重新扫描医院张贴的二维码，或向医保窗口咨询',
  duration: '有效期只能选 1 小时、1 天或 7 天', recipientLabel: '备注请填 1 到 20 个字',
}

export function validationMessage (context: string | undefined, errors: AjvError[], route = ''): string {
  const e = errors[0]
  if (!e) return messageFor('validation_failed')
  const copy = [{ ...e }]
  localizeZh(copy as Parameters<typeof localizeZh>[0])
  const field = e.keyword === 'required' ? String(e.params.missingProperty ?? '')
    : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty ?? '')
      : e.instancePath.split('/').filter(Boolean).pop() ?? ''
  const label = lookup(fieldLabels, route, field) ?? `“${field}”`
  if (e.keyword === 'required') return `缺少${label}，请补充后重试`
  if (e.keyword === 'additionalProperties') return `请求中有不认识的字段“${field}”，请更新小程序后重试`
  const hint = lookup(fieldHints, route, field)
  if (hint) return hint
  const where = field ? label : (context === 'body' ? '请求内容' : '请求参数')
  // Keywords whose library wording would show schema words (object, a regex): say it plainly instead.
  if (e.keyword === 'type') return `${where}格式不对，应为${typeNames[String(e.params.type)] ?? '正确的格式'}`
  if (['pattern', 'format', 'enum', 'const', 'anyOf', 'oneOf'].includes(e.keyword)) return `${where}格式不正确，请检查后重试`
  return `${where}${copy[0]!.message ?? '格式不正确'}`
}

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v)
      if (error.status >= 500) req.log.warn({ errorCode: error.code, cause: error.cause }, 'upstream failure')
      return reply.status(error.status).send(errorBody(error.code, error.message))
    }
    if (error.validation) {
      return reply.status(400).send(errorBody('validation_failed',
        validationMessage(error.validationContext, error.validation as unknown as AjvError[], req.routeOptions.url)))
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code = statusCodeNames[status] ?? 'bad_request'
      const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? '请求内容不是有效的 JSON，请更新小程序后重试'
        : messageFor(code)
      return reply.status(status).send(errorBody(code, message))
    }
    req.log.error({ err: error }, 'unhandled error')
    return reply.status(500).send(errorBody('internal_error', messageFor('internal_error')))
  })
}, { name: 'errors' })
