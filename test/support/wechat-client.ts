// One WeChat server-API client under test against the fake WeChat server, per test file: the fake and a database
// (for the shared access token) for the whole file, a fresh token cache, an empty call log and fresh client per test.
import { WechatAccessToken } from '../../server/adapters/wechat-access-token'
import type { WechatConfig } from '../../server/config'
import type { DbHandle } from '../../server/db'
import { platformTokens } from '../../server/db/schema'
import { DataCipher } from '../../server/domain/secrets'
import { startWechatServer, type FakeWechatServer, type WechatServerOptions } from '../fakes/wechat-server'
import { testDb } from './db'

export interface WechatClientUnderTest<T> {
  readonly fake: FakeWechatServer
  readonly h: DbHandle
  readonly cipher: DataCipher
  /** The configuration that points at the fake. */
  readonly cfg: WechatConfig
  /** A new token cache over the shared table, as another process would have. */
  tokens (cfg?: WechatConfig): WechatAccessToken
  /** The client, built afresh before each test. */
  readonly client: T
}

/** Registers the file's hooks; read the fields inside tests (they are set once the hooks have run). */
export function wechatClientUnderTest<T> (o: {
  dataKey: string
  server?: WechatServerOptions
  client: (cfg: WechatConfig, tokens: WechatAccessToken) => T
}): WechatClientUnderTest<T> {
  const cipher = new DataCipher(o.dataKey)
  let h: DbHandle | undefined
  let fake: FakeWechatServer | undefined
  let client: T | undefined
  const cfg = (): WechatConfig => ({ appId: fake!.appId, secret: fake!.secret, apiBase: fake!.url })
  const tokens = (c: WechatConfig = cfg()) => new WechatAccessToken(c, { db: h!.db, cipher })
  beforeAll(async () => {
    h = await testDb()
    fake = await startWechatServer(o.server)
  })
  afterAll(async () => {
    await fake?.close()
    await h?.close()
  })
  beforeEach(async () => {
    await h!.db.delete(platformTokens)
    fake!.calls.length = 0
    fake!.queue.length = 0
    fake!.faces.clear()
    fake!.deliveries.length = 0
    fake!.wxacodes.length = 0
    client = o.client(cfg(), tokens())
  })
  return {
    get fake () { return fake! },
    get h () { return h! },
    cipher,
    get cfg () { return cfg() },
    tokens,
    get client () { return client! },
  }
}
