// MySharesStore: each grant as 我的分享 draws it (claim, recipient, expiry or when it ended, amounts, views, status),
// 撤回 one and 全部撤回 each after a confirmation and followed by a fresh read, and what a failure leaves on screen.
import { MySharesStore, toShareRow } from '../../../../../src/packages/share/stores/my-shares-store'
import type { ShareApi } from '../../../../../src/packages/share/api'
import type { ShareGrant } from '../../../../../types/api/shares'
import { ApiError } from '../../../../../src/services/http'
import { grant } from './fakes'

function setup (items: ShareGrant[]) {
  let current = items
  const api = {
    list: jest.fn<ReturnType<ShareApi['list']>, []>(async () => ({ items: current })),
    revoke: jest.fn<ReturnType<ShareApi['revoke']>, [number]>(async (id) => {
      const n = current.filter((g) => g.id === id && g.status === 'active').length
      current = current.map((g) => (g.id === id && g.status === 'active' ? { ...g, status: 'revoked', revokedAt: '2026-11-20T03:00:00Z' } : g))
      return { revoked: n }
    }),
    revokeAll: jest.fn<ReturnType<ShareApi['revokeAll']>, []>(async () => {
      const n = current.filter((g) => g.status === 'active').length
      current = current.map((g) => (g.status === 'active' ? { ...g, status: 'revoked', revokedAt: '2026-11-20T03:00:00Z' } : g))
      return { revoked: n }
    }),
  }
  return { api, store: new MySharesStore(api) }
}

const live = grant({ id: 7, recipientLabel: '女儿', viewCount: 3, lastViewedAt: '2026-11-20T02:05:00Z' })
const liveAmounts = grant({ id: 6, recipientLabel: null, showAmounts: true, claim: { id: 32, title: '门诊慢特病费用报销', claimNo: 'BX2' } })
const expired = grant({ id: 4, status: 'expired', expiresAt: '2026-11-19T02:00:00Z' })
const revoked = grant({ id: 3, status: 'revoked', revokedAt: '2026-11-18T08:30:00Z' })

describe('each grant', () => {
  it('reads as the owner needs it', () => {
    expect(toShareRow(live)).toEqual({
      id: 7, title: '住院费用零星报销', recipient: '发给：女儿', status: 'active', statusName: '有效', expiry: '有效期至 2026年11月21日 10:00',
      amounts: '不显示金额', views: '家人打开过 3 次，最近一次 2026年11月20日 10:05', active: true,
    })
    expect(toShareRow(liveAmounts)).toMatchObject({ title: '门诊慢特病费用报销', recipient: '未备注发给谁', amounts: '家人能看到金额', views: '家人还没有打开过' })
    expect(toShareRow(expired)).toMatchObject({ statusName: '已过期', expiry: '已于 2026年11月19日 10:00 过期', active: false })
    expect(toShareRow(revoked)).toMatchObject({ statusName: '已撤回', expiry: '已于 2026年11月18日 16:30 撤回', active: false })
  })

  it('counts the live ones', async () => {
    const { store } = setup([live, liveAmounts, expired, revoked])
    await store.load()
    expect(store.rows.map((r) => r.id)).toEqual([7, 6, 4, 3])
    expect(store.activeCount).toBe(2)
  })
})

describe('撤回', () => {
  it('one, after the confirmation, then the list as the server now has it', async () => {
    const { api, store } = setup([live, liveAmounts, expired])
    await store.load()
    store.askRevoke(4)
    expect(store.target).toBeNull()
    store.askRevoke(7)
    expect(store.target).toEqual({ kind: 'one', id: 7, title: '住院费用零星报销', recipient: '发给：女儿' })
    expect(api.revoke).not.toHaveBeenCalled()
    await store.confirmRevoke()
    expect(api.revoke).toHaveBeenCalledWith(7)
    expect(api.list).toHaveBeenCalledTimes(2)
    expect(store.target).toBeNull()
    expect(store.rows.find((r) => r.id === 7)?.statusName).toBe('已撤回')
    expect(store.notice).toBe('已撤回，家人再打开会看到链接已失效')
    expect(store.activeCount).toBe(1)
    // Leaving the page: the sentence is not news on the next visit.
    store.forgetNotice()
    await store.load()
    expect(store.notice).toBeNull()
  })

  it('all, after the confirmation; not offered with none live', async () => {
    const { api, store } = setup([live, liveAmounts, expired])
    await store.load()
    store.askRevokeAll()
    expect(store.target).toEqual({ kind: 'all', count: 2 })
    await store.confirmRevoke()
    expect(api.revokeAll).toHaveBeenCalledTimes(1)
    expect(store.notice).toBe('已撤回 2 份分享，家人再打开会看到链接已失效')
    expect(store.activeCount).toBe(0)
    store.askRevokeAll()
    expect(store.target).toBeNull()
  })

  it('不撤回 leaves everything as it was', async () => {
    const { api, store } = setup([live])
    await store.load()
    store.askRevoke(7)
    store.cancelRevoke()
    expect(store.target).toBeNull()
    await store.confirmRevoke()
    expect(api.revoke).not.toHaveBeenCalled()
  })

  it('a failure keeps the confirmation open with the reason', async () => {
    const { api, store } = setup([live])
    await store.load()
    store.askRevoke(7)
    api.revoke.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await store.confirmRevoke()
    expect(store.target).not.toBeNull()
    expect(store.revokeError).toBe('网络连接失败，请检查网络后重试')
    expect(api.list).toHaveBeenCalledTimes(1)
    api.revoke.mockRejectedValueOnce(new Error('odd'))
    await store.confirmRevoke()
    expect(store.revokeError).toBe('没能撤回，请检查网络后再试一次')
  })
})

describe('reading the list', () => {
  it('a verification due replaces the list with the gate\'s question; other failures keep it with a note', async () => {
    const { api, store } = setup([live])
    api.list.mockRejectedValueOnce(new ApiError(403, 'verification_required', '请先验证身份'))
    await store.load()
    expect(store.error).toEqual({ code: 'verification_required', message: '请先验证身份' })
    await store.load()
    expect(store.error).toBeNull()
    expect(store.rows).toHaveLength(1)
    api.list.mockRejectedValueOnce(new ApiError(503, 'service_unavailable', '服务暂时不可用，请稍后重试'))
    await store.load()
    expect(store.rows).toHaveLength(1)
    expect(store.refreshError).toBe('服务暂时不可用，请稍后重试')
    api.list.mockRejectedValueOnce(new ApiError(403, 'verification_required', '请先验证身份'))
    await store.load()
    expect(store.items).toBeNull()
    expect(store.error?.code).toBe('verification_required')
  })

  it('a new session forgets the previous holder\'s grants', async () => {
    const { store } = setup([live])
    await store.load()
    store.reset()
    expect(store.items).toBeNull()
    expect(store.rows).toEqual([])
  })
})
