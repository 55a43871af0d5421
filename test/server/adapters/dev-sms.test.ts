// The dev SMS provider: one outbox row (masked phone, keyed hash) and one stdout line per message.
import { devSmsOutbox } from '../../../server/db/schema'
import type { DbHandle } from '../../../server/db'
import { DevSmsSender, devSmsLine } from '../../../server/adapters/dev-sms'
import { DataCipher } from '../../../server/domain/secrets'
import { testDb } from '../../support/db'

let h: DbHandle
const cipher = new DataCipher('test-data-key-for-dev-sms-0123456789')
beforeAll(async () => { h = await testDb() })
afterAll(async () => { await h.close() })

test('send stores the message in dev_sms_outbox and prints exactly one line', async () => {
  const lines: string[] = []
  const sms = new DevSmsSender({ db: h.db, cipher, out: (l) => lines.push(l) })
  await sms.send({ phone: '13812345678', purpose: 'login', code: '123456', ttlSeconds: 300 })

  expect(lines).toEqual(['[开发短信] 138****5678 登录验证码：123456（5 分钟内有效）\n'])
  const rows = await h.db.select().from(devSmsOutbox)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({
    phoneHash: cipher.lookupHash('13812345678'), phoneMasked: '138****5678', purpose: 'login', code: '123456',
  })
  expect(rows[0]!.sentAt).toBeInstanceOf(Date)
  expect(JSON.stringify(rows)).not.toContain('13812345678')
  expect(sms.kind).toBe('dev')
})

test('by default the line goes to process.stdout', async () => {
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  try {
    await new DevSmsSender({ db: h.db, cipher }).send({ phone: '13900001111', purpose: 'login', code: '654321', ttlSeconds: 300 })
    expect(spy).toHaveBeenCalledTimes(1)
    expect(spy.mock.calls[0]![0]).toBe('[开发短信] 139****1111 登录验证码：654321（5 分钟内有效）\n')
  } finally {
    spy.mockRestore()
  }
})

test('the line reads naturally for other lifetimes and purposes', () => {
  expect(devSmsLine({ phone: '13812345678', purpose: 'login', code: '000001', ttlSeconds: 90 }))
    .toBe('[开发短信] 138****5678 登录验证码：000001（90 秒内有效）\n')
  expect(devSmsLine({ phone: '13812345678', purpose: 'something-new', code: '000002', ttlSeconds: 600 }))
    .toBe('[开发短信] 138****5678 验证码：000002（10 分钟内有效）\n')
})
