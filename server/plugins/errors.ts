// Turns every failure into {"error":{code,message}} with the right status and a Chinese message; 5xx only for bugs.
import fp from 'fastify-plugin'
import type { FastifyError } from 'fastify'
import localizeZh from 'ajv-i18n/localize/zh'
import { AppError, errorBody } from '../domain/errors'
import { messageFor, statusCodeNames } from '../domain/messages'

interface AjvError { keyword: string; instancePath: string; params: Record<string, unknown>; message?: string }

const fieldLabels: Record<string, string> = {
  phone: '手机号', code: '验证码', platform: '登录平台', purpose: '用途', authorization: '登录凭证',
}
/** Messages for a field whose rule failed, where a generic one would not say what to do. */
const fieldHints: Record<string, string> = {
  phone: '请输入正确的 11 位手机号',
  code: '请输入短信中的 6 位数字验证码',
  platform: '登录平台只能是微信或支付宝',
}

export function validationMessage (context: string | undefined, errors: AjvError[]): string {
  const e = errors[0]
  if (!e) return messageFor('validation_failed')
  const copy = [{ ...e }]
  localizeZh(copy as Parameters<typeof localizeZh>[0])
  const field = e.keyword === 'required' ? String(e.params.missingProperty ?? '')
    : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty ?? '')
      : e.instancePath.split('/').filter(Boolean).pop() ?? ''
  if (e.keyword === 'required') return `缺少${fieldLabels[field] ?? `“${field}”`}，请补充后重试`
  if (e.keyword === 'additionalProperties') return `请求中有不认识的字段“${field}”，请更新小程序后重试`
  if (fieldHints[field]) return fieldHints[field]!
  const where = field ? (fieldLabels[field] ?? `“${field}”`) : (context === 'body' ? '请求内容' : '请求参数')
  return `${where}${copy[0]!.message ?? '格式不正确'}`
}

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v)
      if (error.status >= 500) req.log.warn({ code: error.code, cause: error.cause }, 'upstream failure')
      return reply.status(error.status).send(errorBody(error.code, error.message))
    }
    if (error.validation) {
      return reply.status(400).send(errorBody('validation_failed',
        validationMessage(error.validationContext, error.validation as unknown as AjvError[])))
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
