// Fakes for store tests: an api whose answers each test sets, and a platform adapter with memory storage.
import type { AccountSummary } from '../../../types/api/account'
import type { LoginResult } from '../../../types/api/auth'
import type { BindingState } from '../../../types/api/binding'
import type { ClaimDetail, ClaimsPage, ClaimsQuery } from '../../../types/api/claims'
import type { ClientErrorReport } from '../../../types/api/client-errors'
import type { ContributionsPage, ContributionsQuery } from '../../../types/api/contributions'
import type {
  Dispute, DisputeBody, FamilyPremiumsPage, FamilyPremiumsQuery, SpendingDetail, SpendingInstitutions, SpendingPage, SpendingQuery,
} from '../../../types/api/spending'
import type { FaceStart, VerificationMethods } from '../../../types/api/verification'
import type { Api } from '../../../src/services/api/create-api'
import type { BiometricMode, BiometricResult, FaceOutcome, PlatformAdapter, PlatformLoginCode, SubscribeAnswer } from '../../../src/platform/types'
import { fakeConsentApi } from './consent-fakes'

export const loginResult: LoginResult = {
  token: 'tok-abc', expiresAt: '2099-01-01T00:00:00Z', bound: true, verifiedUntil: '2099-01-01T00:15:00Z',
}

/** The window a successful step-up verification opens, in the fakes' answers. */
export const VERIFIED_UNTIL = '2099-01-01T01:00:00.000Z'

/** What the server offers today: SMS and the query password; face and SOTER not yet, each with its reason. */
export const verificationMethods: VerificationMethods = {
  methods: [
    { method: 'face', available: false, reason: '刷脸验证暂未开放，请用短信验证码或查询密码' },
    { method: 'sms', available: true },
    { method: 'password', available: true },
    { method: 'soter', available: false, reason: '指纹/面容解锁暂未开放' },
  ],
  phoneMasked: '138****5678',
  verifiedUntil: null,
}

/** A pending binding whose record matched: face first, the SMS code after two face checks that did not pass. */
export const bindingState: BindingState = {
  nameMasked: '张*', idNumberMasked: '110***********0015', phoneMasked: '*******5678', // before proof: last 4 only
  proofs: [{ method: 'face', available: true }, { method: 'sms', available: false, reason: '请先刷脸验证；两次没有通过后，可以改用短信验证码' }],
  faceFailures: 0, expiresAt: '2099-01-01T00:30:00Z',
}

export const faceStart: FaceStart = { checkId: 7, platform: 'wechat', verifyId: 'verify-id-7' }

/** A made-up ID number with a correct GB 11643 check digit (born 1988-03-14). */
export const validIdNumber = '110105198803140015'

export const employeeSummary: AccountSummary = {
  maskedName: '张*', insuranceType: 'employee', insuranceTypeName: '职工医保（在职）',
  region: { code: '110105', name: '北京市朝阳区' }, hasPersonalAccount: true, balanceFen: 123456,
  asOf: '2026-01-15T12:00:00+08:00',
  // Reconciles: 123456 = 100000 + 40000 + 0 − 9000 − 5544 − 2000.
  thisYear: {
    year: 2026, openingBalanceFen: 100_000, creditedFen: 40_000, adjustmentsFen: 0,
    spentAtHospitalsFen: 9_000, spentAtPharmaciesFen: 5_544, mutualAidFen: 2_000,
    settlementCount: 3, settlementTotalFen: 30_000, fundPaidFen: 12_000, premiums: [], claimsInProgress: 1, claimsPaidFen: 0,
  },
}

/** A resident: no personal account, so every ledger figure is 0; this year's visits and the yearly premiums instead. */
export const residentSummary: AccountSummary = {
  ...employeeSummary, insuranceType: 'resident', insuranceTypeName: '城乡居民医保', hasPersonalAccount: false, balanceFen: 0,
  thisYear: {
    year: 2026, openingBalanceFen: 0, creditedFen: 0, adjustmentsFen: 0, spentAtHospitalsFen: 0, spentAtPharmaciesFen: 0, mutualAidFen: 0,
    settlementCount: 2, settlementTotalFen: 20_000, fundPaidFen: 9_000,
    premiums: [
      { year: 2026, amountFen: 40_000, paidAt: '2025-11-19T10:33:05.000Z' },
      { year: 2025, amountFen: 40_000, paidAt: '2024-11-19T11:18:32.000Z' },
    ],
    claimsInProgress: 0, claimsPaidFen: 0,
  },
}

export function fakeApi () {
  return {
    auth: {
      requestSmsCode: jest.fn(async () => ({ message: '如果该手机号已登记，验证码将发送到该手机', expiresInSeconds: 300, resendAfterSeconds: 60 })),
      loginWithSms: jest.fn(async () => loginResult),
      loginWithPlatform: jest.fn(async () => loginResult),
      loginWithPassword: jest.fn(async () => loginResult),
      requestPasswordResetCode: jest.fn(async () => ({ message: '如果该身份证号已登记，验证码将发送到登记的手机号', expiresInSeconds: 300, resendAfterSeconds: 60 })),
      resetPassword: jest.fn(async () => ({ message: '查询密码已重新设置，请用新密码登录' })),
      logout: jest.fn(async () => undefined),
    },
    account: {
      getSummary: jest.fn(async () => employeeSummary),
    },
    verification: {
      getMethods: jest.fn(async (): Promise<VerificationMethods> => verificationMethods),
      requestSmsCode: jest.fn(async () => ({ message: '验证码已发送至 138****5678，5 分钟内有效', expiresInSeconds: 300, resendAfterSeconds: 60 })),
      verifySms: jest.fn(async () => ({ verifiedUntil: VERIFIED_UNTIL })),
      verifyPassword: jest.fn(async () => ({ verifiedUntil: VERIFIED_UNTIL })),
      startFace: jest.fn(async (): Promise<FaceStart> => faceStart),
      faceResult: jest.fn(async () => ({ passed: true, verifiedUntil: VERIFIED_UNTIL as string | null, message: '验证通过' })),
      soterChallenge: jest.fn(async () => ({ challenge: 'challenge-1', authContent: '请验证本人指纹或面容，以查看医保账户', expiresAt: '2099-01-01T00:05:00Z' })),
      verifySoter: jest.fn(async () => ({ verifiedUntil: VERIFIED_UNTIL })),
    },
    binding: {
      start: jest.fn(async () => bindingState),
      current: jest.fn(async (): Promise<BindingState> => bindingState),
      requestSmsCode: jest.fn(async () => ({ message: '验证码已发送至 *******5678，5 分钟内有效', expiresInSeconds: 300, resendAfterSeconds: 60 })),
      proveBySms: jest.fn(async () => ({ bound: true as const, verifiedUntil: VERIFIED_UNTIL })),
      startFace: jest.fn(async (): Promise<FaceStart> => faceStart),
      faceResult: jest.fn(async () => ({ passed: true, verifiedUntil: VERIFIED_UNTIL as string | null, message: '绑定成功', faceFailures: 0 })),
    },
    consent: fakeConsentApi(),
    contributions: {
      list: jest.fn(async (_query: ContributionsQuery) => ({ items: [], nextCursor: null, asOf: '2026-01-15T12:00:00+08:00', note: null }) as ContributionsPage),
    },
    spending: {
      list: jest.fn(async (_query: SpendingQuery) => ({ items: [], nextCursor: null, asOf: '2026-01-15T12:00:00+08:00' }) as SpendingPage),
      get: jest.fn(async (_id: number): Promise<SpendingDetail> => { throw new Error('no detail set') }),
      institutions: jest.fn(async () => ({ items: [] }) as SpendingInstitutions),
      familyPremiums: jest.fn(async (_query: FamilyPremiumsQuery) => ({ items: [], nextCursor: null, asOf: '2026-01-15T12:00:00+08:00' }) as FamilyPremiumsPage),
      dispute: jest.fn(async (_id: number, _body: DisputeBody): Promise<Dispute> => { throw new Error('no dispute set') }),
      withdrawDispute: jest.fn(async (_id: number, _disputeId: number): Promise<Dispute> => { throw new Error('no dispute set') }),
    },
    claims: {
      list: jest.fn(async (_query: ClaimsQuery) => ({ items: [], nextCursor: null }) as ClaimsPage),
      get: jest.fn(async (_id: number): Promise<ClaimDetail> => { throw new Error('no claim set') }),
      subscribe: jest.fn(async (_id: number, _templateIds: string[]) => ({ subscribed: true as const, remaining: 1 })),
    },
    clientErrors: {
      report: jest.fn(async (_body: ClientErrorReport) => undefined),
    },
  } satisfies Api
}

export function fakePlatform (code: PlatformLoginCode | null = { platform: 'wechat', code: 'wx-demo-1' }) {
  const memory = new Map<string, string>()
  const platform: PlatformAdapter = {
    loginPlatform: code?.platform ?? null,
    getPlatformLoginCode: jest.fn(async () => code),
    storage: {
      get: jest.fn(async (key: string) => memory.get(key) ?? null),
      set: jest.fn(async (key: string, value: string) => { memory.set(key, value) }),
      remove: jest.fn(async (key: string) => { memory.delete(key) }),
    },
    // The same memory: the tests look for what the app kept, wherever it keeps it.
    preferences: {
      get: jest.fn(async (key: string) => memory.get(key) ?? null),
      set: jest.fn(async (key: string, value: string) => { memory.set(key, value) }),
      remove: jest.fn(async (key: string) => { memory.delete(key) }),
    },
    face: {
      platform: code?.platform ?? null,
      run: jest.fn(async (): Promise<FaceOutcome> => 'done'),
    },
    // No biometric unless a test says so (most phones in these tests have none).
    biometric: {
      mode: jest.fn(async (): Promise<BiometricMode | null> => null),
      authenticate: jest.fn(async (): Promise<BiometricResult> => ({ resultJSON: '{"raw":"challenge-1"}', resultJSONSignature: 'c2lnbmVk' })),
    },
    // Subscribe messages where the build logs in with WeChat; the person accepts unless a test says otherwise.
    subscribe: {
      supported: code?.platform === 'wechat',
      request: jest.fn(async (): Promise<SubscribeAnswer> => (code?.platform === 'wechat' ? 'accept' : 'unsupported')),
    },
  }
  return { platform, memory }
}
