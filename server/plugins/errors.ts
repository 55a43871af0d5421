// Turns every failure into {"error":{code,message}} with the right status and a Chinese message; 5xx only for bugs.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance } from 'fastify'
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import localizeZh from 'ajv-i18n/localize/zh'
import { AppError, errorBody } from '../domain/errors'
import { messageFor } from '../domain/messages'
import type { ErrorCode } from '../../types/api/common'

/** The code of a failure that comes with a status only (Fastify's own, Node's parser's). */
const statusCodeNames: Record<number, ErrorCode> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  408: 'request_timeout', 409: 'conflict', 410: 'gone', 413: 'payload_too_large', 415: 'unsupported_media_type',
  429: 'rate_limited', 431: 'headers_too_large', 503: 'service_unavailable',
}

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
  checkId: '刷脸验证编号', resultJSON: '指纹/面容解锁的结果', resultJSONSignature: '指纹/面容解锁的签名',
  name: '姓名', 'x-share-token': '分享链接', note: '说明',
  claimNo: '报销申请编号', approvedFen: '核定金额', missingMaterials: '需要补充的材料',
  deductions: '不予报销的各部分', kind: '不予报销的种类', amountFen: '金额（分）',
  'idempotency-key': '请求编号', '/api/v1/access-logs#actor': '查看人',
  '/api/v1/client-errors#page': '出错页面', '/api/v1/client-errors#kind': '错误种类', '/api/v1/client-errors#name': '错误类型',
  '/api/v1/client-errors#message': '错误说明', '/api/v1/client-errors#stack': '调用栈', '/api/v1/client-errors#build': '版本号',
  renew: '是否换新的二维码', wxacodeEnv: '小程序码的版本', touser: '接收人',
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

/** A field's plain name (this route's own first, then the field anywhere); undefined for a field nobody named. */
export function fieldLabel (route: string, field: string): string | undefined {
  return field ? lookup(fieldLabels, route, field) : undefined
}

/** A limit worth saying ("最多 200 个字"); past a million it is a technical bound, not something a person types to. */
const sayable = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < 1_000_000

/** Words that are Chinese and nothing a person cannot act on: no schema words, no field names, no long numbers. */
const plain = (s: string) => !/[A-Za-z]{2,}|[0-9]{7,}|["“”]/.test(s)

/** Keywords said in our own words; the rest fall back to ajv-i18n's Chinese when that is plain, else to a generic line. */
function ruleMessage (e: AjvError, where: string): string {
  const limit = e.params.limit
  const outOfRange = `${where}超出了允许的范围`
  switch (e.keyword) {
    case 'type': return `${where}格式不对，应为${typeNames[String(e.params.type)] ?? '正确的格式'}`
    case 'controlCharacters': return `${where}里有无法显示的字符，请删除后重试`
    case 'maxLength': return sayable(limit) ? `${where}最多 ${limit} 个字` : outOfRange
    case 'minLength': return sayable(limit) ? (limit <= 1 ? `${where}不能为空` : `${where}至少 ${limit} 个字`) : outOfRange
    case 'maximum': return sayable(limit) ? `${where}不能大于 ${limit}` : outOfRange
    case 'exclusiveMaximum': return sayable(limit) ? `${where}应小于 ${limit}` : outOfRange
    case 'minimum': return sayable(limit) ? `${where}不能小于 ${limit}` : outOfRange
    case 'exclusiveMinimum': return sayable(limit) ? `${where}应大于 ${limit}` : outOfRange
    case 'maxItems': return sayable(limit) ? `${where}最多 ${limit} 项` : outOfRange
    case 'minItems': return sayable(limit) ? `${where}至少要有 ${limit} 项` : outOfRange
    case 'uniqueItems': return `${where}中有重复的项，请检查后重试`
    case 'pattern': case 'format': case 'enum': case 'const': case 'anyOf': case 'oneOf':
      return `${where}格式不正确，请检查后重试`
  }
  const copy = [{ ...e }]
  localizeZh(copy as Parameters<typeof localizeZh>[0])
  const library = copy[0]!.message ?? ''
  return library && plain(library) ? `${where}${library}` : `${where}格式不正确，请检查后重试`
}

export function validationMessage (context: string | undefined, errors: AjvError[], route = ''): string {
  const e = errors[0]
  if (!e) return messageFor('validation_failed')
  const field = e.keyword === 'required' ? String(e.params.missingProperty ?? '')
    : e.keyword === 'additionalProperties' ? String(e.params.additionalProperty ?? '')
      : e.instancePath.split('/').filter(Boolean).pop() ?? ''
  const label = fieldLabel(route, field)
  // A field nobody named is never shown by its raw name: the request as a whole is what is wrong then.
  const where = label ?? (context === 'body' ? '请求内容' : '请求参数')
  if (e.keyword === 'required') return label ? `缺少${label}，请补充后重试` : `${where}不完整，请更新小程序后重试`
  if (e.keyword === 'additionalProperties') return '请求中有多余的内容，请更新小程序后重试'
  if (e.keyword === 'controlCharacters') return ruleMessage(e, where)
  const hint = lookup(fieldHints, route, field)
  if (hint) return hint
  return ruleMessage(e, where)
}

/** What a request that arrives during shutdown reads (another process, or this one restarted, will answer it). */
export const SHUTTING_DOWN_MESSAGE = '服务正在重启，请稍后再试'

const answered = new WeakSet<Socket>()

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before anything is routed (a request line that is
 * not HTTP, two Content-Lengths, a bad chunk, a header block past 16 KB, a request that took too long to arrive) is
 * answered in the same envelope as everything else, uncacheable, and the connection is closed: after a framing error
 * nothing more on it can be trusted. Written only where no answer has begun on the socket.
 */
export function clientErrorHandler (this: FastifyInstance, err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return
  answered.add(socket)
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const code = statusCodeNames[status] ?? 'bad_request'
  this.log.debug({ errorCode: err.code }, 'malformed request')
  const inResponse = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
  if (!socket.writable || inResponse) {
    socket.destroy()
    return
  }
  const body = JSON.stringify(errorBody(code, messageFor(code)))
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`)
  // Closing at once while the client still sends (the rest of a 20 KB header) would reset the connection and lose the
  // answer: let it arrive and be dropped, and close a moment later whatever the client does.
  socket.resume()
  setTimeout(() => socket.destroy(), 1000).unref()
}

export default fp(async (app) => {
  // Fastify's own answer while closing is English (return503OnClosing, switched off in app.ts): this one is ours.
  let closing = false
  app.addHook('preClose', async () => { closing = true })
  // An Expect other than 100-continue: Node answers 417 with an empty body unless someone listens.
  app.server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify(errorBody('bad_request', messageFor('bad_request')))
    res.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', connection: 'close' })
    res.end(body)
  })
  app.addHook('onRequest', async (_req, reply) => {
    if (!closing) return
    reply.header('connection', 'close')
    throw new AppError('service_unavailable', SHUTTING_DOWN_MESSAGE, { retryAfterSeconds: 5 })
  })

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
