// A token reveals nothing but its one claim: share every claim of every demo person, with and without amounts,
// open each link, and walk every answer (body and headers) for what the owner and the others have on file — full
// names, ID numbers, phones, card numbers, the payout card and bank, other claims' titles and every claim number,
// spending (items, institutions), the balance — and, when amounts are hidden, the claim's own amounts. Then the
// bureau's free text: a note and a material written through the operator route with the owner's name, phone and
// amounts in them.
import { eq } from 'drizzle-orm'
import { claims, institutions, persons, settlementItems, settlements } from '../../../../../../server/db/schema'
import { maskIdNumber, maskName, maskPhone } from '../../../../../../server/domain/mask'
import type { ClaimDetail } from '../../../../../../types/api/claims'
import type { ShareCreated, ShareView } from '../../../../../../types/api/shares'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoLogin } from '../../../../../support/consent'
import { demoPerson, demoPersonId } from '../../../../../support/demo'

let t: TestApp
beforeAll(async () => { t = await makeTestApp({ env: { SHARE_VIEW_RATE_PER_MINUTE: '100000', PUBLIC_BASE_URL: 'https://yibao.example.cn' } }) })
afterAll(async () => { await t.close() })

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

const login = (n: number) => demoLogin(t, n)

/** Everything of person n that a share must never show, apart from what this claim's own detail already says. */
async function personSecrets (n: number): Promise<string[]> {
  const p = demoPerson(n)
  const [person] = await t.handle.db.select().from(persons).where(eq(persons.cardNumber, p.cardNumber))
  const spent = await t.handle.db.select({ item: settlementItems.name, institution: institutions.name, total: settlements.totalFen })
    .from(settlements).innerJoin(institutions, eq(institutions.id, settlements.institutionId))
    .leftJoin(settlementItems, eq(settlementItems.settlementId, settlements.id))
    .where(eq(settlements.personId, person!.id))
  const account = (await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: await login(n) })).json() as { balanceFen?: number | null }
  return [
    p.name, p.idNumber, p.phone, p.cardNumber, maskIdNumber(p.idNumber), maskPhone(p.phone), p.wechatSubject, p.alipaySubject, p.regionName,
    ...spent.flatMap((s) => [s.item ?? '', s.institution, `¥${yuan(s.total)}`]),
    ...(typeof account.balanceFen === 'number' ? [`¥${yuan(account.balanceFen)}`, `"balanceFen"`] : []),
  ].filter((s) => s !== '')
}

test('every view of every claim shows that claim only, masked, amounts only when allowed', async () => {
  const allClaims = await t.handle.db.select().from(claims)
  const owners = new Map<number, number>() // person id → demo n
  for (const n of [1, 2, 3, 4]) owners.set(await demoPersonId(t.handle.db, n), n)
  const secretsOf = new Map<number, string[]>()
  for (const n of [1, 2, 3, 4]) secretsOf.set(n, await personSecrets(n))
  const everyone = [...secretsOf.values()].flat()
  const payouts = allClaims.flatMap((c) => {
    if (!c.payoutCardEnc) return [c.payoutBank ?? ''].filter(Boolean)
    const card = t.cipher.decrypt(c.payoutCardEnc)
    return [card, card.slice(-8), `**** ${card.slice(-4)}`, `尾号 ${card.slice(-4)}`, `尾号${card.slice(-4)}`, c.payoutBank ?? ''].filter(Boolean)
  })
  expect(payouts.length).toBeGreaterThan(0)
  const demoClaims = allClaims.filter((c) => owners.has(c.personId))
  expect(demoClaims.length).toBeGreaterThanOrEqual(7)

  let views = 0
  for (const claim of demoClaims) {
    const n = owners.get(claim.personId)!
    const h = await login(n)
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: h })
    // What the owner's own detail of this claim says (title, institution, notes, materials) may be repeated; the
    // payout card never, whatever the owner's next step says about it.
    const d = detail.json() as { title: string; institution: unknown; timeline: unknown; missingMaterials: unknown }
    const allowed = JSON.stringify([d.title, d.institution, d.timeline, d.missingMaterials])
    const forbidden = [
      ...everyone,
      ...allClaims.filter((c) => c.id !== claim.id).map((c) => c.title),
      ...allClaims.map((c) => c.claimNo),
    ].filter((s) => !allowed.includes(s)).concat(payouts)
    expect(forbidden).toContain(demoPerson(n).name)
    expect(forbidden).toContain(claim.claimNo)
    // Person 1 has spending at several institutions: the sweep looks for it.
    if (n === 1) expect(forbidden.filter((s) => secretsOf.get(1)!.includes(s)).length).toBeGreaterThan(20)

    for (const showAmounts of [false, true]) {
      const made = (await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim.id}/shares`, headers: h, payload: { duration: '1h', showAmounts, channel: 'weapp' } })).json() as ShareCreated
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: { 'x-share-token': made.token } })
      expect(res.statusCode).toBe(200)
      views++
      const body = res.json() as ShareView
      // Exactly the contract's fields, nothing else.
      expect(Object.keys(body).sort()).toEqual(['claim', 'expiresAt', 'ownerNameMasked', 'showAmounts'])
      expect(Object.keys(body.claim).sort()).toEqual([
        'approvedFen', 'claimedFen', 'institutionName', 'missingMaterials', 'nextStep', 'stage', 'stageName', 'submittedAt', 'timeline', 'title', 'updatedAt',
      ])
      expect(body.ownerNameMasked).toBe(demoPerson(n).maskedName)
      expect(body.claim.title).toBe(claim.title)
      const text = res.body + JSON.stringify(res.headers)
      for (const s of forbidden) {
        if (text.includes(s)) throw new Error(`the view of claim ${claim.id} (person ${n}, amounts ${showAmounts}) shows "${s}"`)
      }
      expect(res.headers['set-cookie']).toBeUndefined()
      expect(text).not.toContain(made.token)
      if (showAmounts) {
        expect([body.claim.claimedFen, body.claim.approvedFen]).toEqual([claim.claimedFen, claim.approvedFen])
      } else {
        expect([body.claim.claimedFen, body.claim.approvedFen]).toEqual([null, null])
        for (const fen of [claim.claimedFen, claim.approvedFen].filter((f): f is number => f !== null)) {
          for (const s of [yuan(fen), yuan(fen).replace(/,/g, ''), `:${fen}`, `${fen / 100}元`]) expect(text).not.toContain(s)
        }
      }
    }
  }
  expect(views).toBe(demoClaims.length * 2)
})

test('the bureau\'s free text: never the owner\'s name, phone or ID number; amounts only when shown', async () => {
  const p = demoPerson(1)
  // The note and material of the attacker review, word for word.
  expect([p.name, p.phone]).toEqual(['陈思远', '13800000001'])
  const note = '核定金额约 1.1万元，自付部分 356.20，请陈思远本人（13800000001）补交'
  const material = '金额 ¥356.20 的门诊收据原件'
  const h = await login(1)
  // The sweep above left many live grants: make room for two more.
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/shares/revoke-all', headers: h })).statusCode).toBe(200)
  const [claim] = await t.handle.db.select({ id: claims.id, claimNo: claims.claimNo, stage: claims.stage }).from(claims)
    .innerJoin(persons, eq(persons.id, claims.personId))
    .where(eq(persons.cardNumber, p.cardNumber)).orderBy(claims.id)
    .then((rows) => rows.filter((c) => c.stage === 'first_review' || c.stage === 'second_review'))
  expect(claim).toBeDefined()
  const moved = await t.admin.inject({
    method: 'POST', url: `/api/v1/operator/claims/${claim!.claimNo}/advance`, headers: t.adminHeaders,
    payload: { stage: 'materials_needed', note, missingMaterials: [material] },
  })
  expect(moved.statusCode).toBe(200)
  // The owner's own detail keeps the bureau's words as written.
  const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim!.id}`, headers: h })).json() as ClaimDetail
  expect(detail.timeline.at(-1)!.note).toBe(note)

  const masked = maskName(p.name)
  const never = [p.name, p.phone, maskPhone(p.phone), p.idNumber, maskIdNumber(p.idNumber)]
  const amounts = ['1.1万元', '1.1', '356.20', '356', '¥']
  for (const showAmounts of [false, true]) {
    const made = (await t.app.inject({ method: 'POST', url: `/api/v1/claims/${claim!.id}/shares`, headers: h, payload: { duration: '1h', showAmounts, channel: 'h5' } })).json() as ShareCreated
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: { 'x-share-token': made.token } })
    expect(res.statusCode).toBe(200)
    const view = res.json() as ShareView
    const text = res.body + JSON.stringify(res.headers)
    for (const s of never) {
      if (text.includes(s)) throw new Error(`the view (amounts ${showAmounts}) shows "${s}"`)
    }
    const words = [view.claim.title, view.claim.nextStep, ...view.claim.missingMaterials, ...view.claim.timeline.map((e) => e.note)].join('\n')
    if (showAmounts) {
      expect(view.claim.timeline.at(-1)!.note).toBe(`核定金额约 1.1万元，自付部分 356.20，请${masked}本人（手机号不显示）补交`)
      expect(view.claim.missingMaterials).toEqual([material])
      expect(view.claim.nextStep).toContain(material)
    } else {
      expect(view.claim.timeline.at(-1)!.note).toBe(`核定金额约（金额不显示），自付部分（金额不显示），请${masked}本人（手机号不显示）补交`)
      expect(view.claim.missingMaterials).toEqual(['金额（金额不显示） 的门诊收据原件'])
      expect(view.claim.nextStep).toContain('金额（金额不显示） 的门诊收据原件')
      for (const s of amounts) {
        if (words.includes(s)) throw new Error(`the view with amounts hidden shows "${s}"`)
      }
    }
  }
})
