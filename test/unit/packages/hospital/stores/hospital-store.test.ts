// The hospital page's store against a fake api: the institution as the page draws it, unknown / revoked / failed
// codes, the person's figures here (and the step due when the server refuses them), and forgetting them on a new token.
import type { InstitutionEntry, InstitutionMine } from '../../../../../types/api/institutions'
import { HospitalStore } from '../../../../../src/packages/hospital/stores/hospital-store'
import type { HospitalApi } from '../../../../../src/packages/hospital/api'
import { ApiError } from '../../../../../src/services/http'

const entry: InstitutionEntry = {
  entryCode: 'H7K2M9PQ',
  institution: {
    code: 'H31010400001', name: '上海市第六人民医院', kind: 'hospital', kindName: '医院', level: '三级甲等',
    regionName: '上海市徐汇区', address: '宜山路 600 号', designated: true,
  },
  desk: { place: '门诊楼一层 医保服务窗口（12 号）', hours: '周一至周五 8:00–17:00', phone: '021-5403 0000' },
  bring: ['医保电子凭证或社保卡', '身份证', '发票和费用清单'],
}

const mine: InstitutionMine = {
  year: 2026, institutionCode: 'H31010400001',
  spending: { count: 3, totalFen: 123456, accountFen: 100000, selfFen: 23456 },
  claims: { count: 2, openCount: 1, claimedFen: 35620 },
  asOf: '2026-11-20T04:00:00.000Z',
}

function fakeApi (over: Partial<HospitalApi> = {}): HospitalApi & { calls: string[] } {
  const calls: string[] = []
  return {
    calls,
    entry: async (code) => { calls.push(`entry ${code}`); return entry },
    mine: async (code) => { calls.push(`mine ${code}`); return mine },
    ...over,
  }
}

const now = () => Date.parse('2026-11-21T04:00:00.000Z')

it('reads the institution once and prepares what the page draws', async () => {
  const api = fakeApi()
  const store = new HospitalStore(api, 'H7K2M9PQ', now)
  await store.ensureLoaded()
  await store.ensureLoaded()
  expect(api.calls).toEqual(['entry H7K2M9PQ'])
  expect(store.view).toEqual({
    name: '上海市第六人民医院', grade: '三级甲等 · 医院', designated: true, address: '上海市徐汇区宜山路 600 号',
    desk: entry.desk, bring: entry.bring, institutionCode: 'H31010400001',
  })
})

it('a pharmacy with no level and no desk', async () => {
  const pharmacy: InstitutionEntry = { ...entry, institution: { ...entry.institution, kind: 'pharmacy', kindName: '药店', level: null, designated: false }, desk: null, bring: [] }
  const store = new HospitalStore(fakeApi({ entry: async () => pharmacy }), 'ABCD2345', now)
  await store.load()
  expect(store.view).toMatchObject({ grade: '药店', designated: false, desk: null, bring: [] })
})

it('no well-formed code: the unknown page, and nothing is asked', async () => {
  const api = fakeApi()
  const store = new HospitalStore(api, null, now)
  await store.ensureLoaded()
  expect(store.problem).toMatchObject({ kind: 'unknown', title: '没有找到这家机构' })
  expect(api.calls).toEqual([])
  await store.loadMine()
  expect(api.calls).toEqual([])
})

it('unknown (404) and revoked (410) codes each have their page; neither is asked again', async () => {
  const unknown = fakeApi({ entry: async () => { throw new ApiError(404, 'not_found', '没有找到') } })
  const a = new HospitalStore(unknown, 'H7K2M9PQ', now)
  await a.ensureLoaded()
  expect(a.problem).toMatchObject({ kind: 'unknown', title: '没有找到这家机构' })
  const revokedCalls: string[] = []
  const revoked = fakeApi({ entry: async (code) => { revokedCalls.push(code); throw new ApiError(410, 'gone', '已停用') } })
  const b = new HospitalStore(revoked, 'H7K2M9PQ', now)
  await b.ensureLoaded()
  await b.ensureLoaded()
  expect(b.problem).toMatchObject({ kind: 'revoked', title: '这个二维码已停用' })
  expect(b.problem?.message).toContain('最新二维码')
  expect(revokedCalls).toHaveLength(1)
})

it('a network failure offers 重试, which reads again', async () => {
  let fail = true
  const store = new HospitalStore(fakeApi({ entry: async () => { if (fail) throw new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'); return entry } }), 'H7K2M9PQ', now)
  await store.ensureLoaded()
  expect(store.problem).toEqual({ kind: 'failed', title: '暂时无法显示', message: '网络连接失败，请检查网络后重试' })
  expect(store.view).toBeNull()
  fail = false
  await store.ensureLoaded()
  expect(store.problem).toBeNull()
  expect(store.view?.name).toBe('上海市第六人民医院')
})

it('an error that is not the server\'s still reads kindly', async () => {
  const store = new HospitalStore(fakeApi({ entry: async () => { throw new TypeError('boom') } }), 'H7K2M9PQ', now)
  await store.load()
  expect(store.problem?.message).toBe('医院信息暂时无法显示，请检查网络后重试')
})

it('the person\'s figures here this year, as the page reads them', async () => {
  const store = new HospitalStore(fakeApi(), 'H7K2M9PQ', now)
  await store.ensureMine()
  expect(store.mineView).toEqual({
    year: 2026,
    spendingLine: '2026年 3 次，共 ¥1,234.56',
    spendingDetail: '个人账户支付 ¥1,000.00，自付 ¥234.56',
    claimsLine: '2026年 2 笔，申请 ¥356.20',
    claimsDetail: '其中 1 笔正在办理',
    asOf: '数据截至 昨天 12:00',
  })
})

it('nothing here this year says so, instead of zeros', async () => {
  const none: InstitutionMine = { ...mine, spending: { count: 0, totalFen: 0, accountFen: 0, selfFen: 0 }, claims: { count: 0, openCount: 0, claimedFen: 0 } }
  const store = new HospitalStore(fakeApi({ mine: async () => none }), 'H7K2M9PQ', now)
  await store.loadMine()
  expect(store.mineView).toMatchObject({ spendingLine: '2026年还没有在这里结算过', claimsLine: '2026年没有在这里就诊的报销' })
  expect(JSON.stringify(store.mineView)).not.toContain('¥0.00')
})

it('a refusal keeps its code, so the page offers the step that is due', async () => {
  const store = new HospitalStore(fakeApi({ mine: async () => { throw new ApiError(403, 'verification_required', '为保护您的医保信息，请先完成身份验证') } }), 'H7K2M9PQ', now)
  await store.loadMine()
  expect(store.mineError).toEqual({ code: 'verification_required', message: '为保护您的医保信息，请先完成身份验证' })
  expect(store.mineView).toBeNull()
  const other = new HospitalStore(fakeApi({ mine: async () => { throw new Error('socket') } }), 'H7K2M9PQ', now)
  await other.loadMine()
  expect(other.mineError).toEqual({ code: 'failed', message: '您在这里的消费和报销暂时无法显示，请稍后重试' })
})

it('a new session forgets the figures, and an answer for the old one arriving late is dropped', async () => {
  let release: (m: InstitutionMine) => void = () => undefined
  const store = new HospitalStore(fakeApi({ mine: () => new Promise((resolve) => { release = resolve }) }), 'H7K2M9PQ', now)
  const pending = store.loadMine()
  expect(store.mineLoading).toBe(true)
  store.reset()
  release(mine)
  await pending
  expect(store.mine).toBeNull()
  expect(store.mineLoading).toBe(false)
})
