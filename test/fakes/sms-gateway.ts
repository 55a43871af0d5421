// A fake SMS gateway on 127.0.0.1 speaking the protocol of server/adapters/http-sms.ts, for tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type SmsAnswer =
  /** Answer with this status (and body); default 200 `{"ok":true}`. */
  | { status: number; body?: string }
  /** Never answer. */
  | { hang: true }

export interface SmsMessage {
  phone: string
  template: string
  params: { code: string; purpose: string; ttlMinutes: number }
}

export interface SmsCall {
  method: string
  authorization?: string
  contentType?: string
  /** The parsed JSON body, or undefined when it was not JSON. */
  body?: unknown
  /** The message, when the call was authorised and well-formed (i.e. the gateway accepted it for delivery). */
  message?: SmsMessage
}

export interface SmsGatewayOptions {
  token?: string
  answer?: SmsAnswer
}

export interface FakeSmsGateway {
  /** The URL to use as SMS_GATEWAY_URL. */
  url: string
  token: string
  calls: SmsCall[]
  /** Messages accepted for delivery, in order (the codes a person would have received). */
  messages: SmsMessage[]
  /** How the next calls are answered once authorised and well-formed; settable at any time. */
  answer: SmsAnswer
  close (): Promise<void>
}

function isSmsMessage (v: unknown): v is SmsMessage {
  if (typeof v !== 'object' || v === null) return false
  const m = v as Record<string, unknown>
  const p = m.params as Record<string, unknown> | undefined
  return typeof m.phone === 'string' && typeof m.template === 'string' && typeof p === 'object' && p !== null &&
    typeof p.code === 'string' && typeof p.purpose === 'string' && typeof p.ttlMinutes === 'number'
}

export async function startSmsGateway (opts: SmsGatewayOptions = {}): Promise<FakeSmsGateway> {
  const token = opts.token ?? 'fake-sms-gateway-token'
  const calls: SmsCall[] = []
  const messages: SmsMessage[] = []
  const state = { answer: opts.answer ?? ({ status: 200 } as SmsAnswer) }

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const call: SmsCall = { method: req.method ?? '', authorization: req.headers.authorization, contentType: req.headers['content-type'] }
      calls.push(call)
      try { call.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) } catch { call.body = undefined }
      if (req.method !== 'POST') return reply(res, 405, { error: 'method_not_allowed' })
      if (req.headers.authorization !== `Bearer ${token}`) return reply(res, 401, { error: 'unauthorized' })
      if (!call.contentType?.startsWith('application/json') || !isSmsMessage(call.body)) {
        return reply(res, 400, { error: 'bad_request' })
      }
      const answer = state.answer
      if ('hang' in answer) return
      if (answer.status >= 200 && answer.status < 300) {
        call.message = call.body
        messages.push(call.body)
      }
      reply(res, answer.status, answer.body ?? (answer.status < 300 ? { ok: true } : { error: 'gateway_error' }))
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    token,
    calls,
    messages,
    get answer () { return state.answer },
    set answer (a: SmsAnswer) { state.answer = a },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
