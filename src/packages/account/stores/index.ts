// The account pages' stores, created on first use by whichever page needs one (so their code stays in this
// subpackage) and reset with every new token by the root.
import { rootStore } from '../../../stores/index'
import { SpendingStore } from './spending-store'
import { ContributionsStore } from './contributions-store'
import { SpendingDetailStore } from './spending-detail-store'
import { ClaimsStore } from './claims-store'
import { ClaimDetailStore } from './claim-detail-store'

/** 消费记录's store; 消费详情 updates its rows after a dispute. */
export function spendingStore (): SpendingStore {
  return rootStore.feature('spending', () => new SpendingStore(rootStore.api.spending))
}

/** 消费详情's store (one settlement at a time); a dispute made or withdrawn there redraws 消费记录's row. */
export function spendingDetailStore (): SpendingDetailStore {
  return rootStore.feature('spending-detail', () => new SpendingDetailStore(rootStore.api.spending, (item) => spendingStore().replaceRow(item)))
}

/** 缴费记录's store; it knows a retiree from the account summary (they pay nothing, so the list is their note). */
export function contributionsStore (): ContributionsStore {
  return rootStore.feature('contributions', () => new ContributionsStore(
    rootStore.api.contributions, () => rootStore.account.summary?.insuranceType ?? null, Date.now,
    () => { const s = rootStore.account.summary; return s ? { year: s.thisYear.year, creditedFen: s.thisYear.creditedFen } : null },
  ))
}

/** 报销进度's store; 报销详情 redraws a claim's row when it reads the claim afresh. */
export function claimsStore (): ClaimsStore {
  return rootStore.feature('claims', () => new ClaimsStore(rootStore.api.claims))
}

/**
 * 报销详情's store for one claim (`idParam`: the page's `id` query). One per claim, so the page works when it is the
 * first one opened (from a WeChat notice) and shows no other claim while its own is read.
 */
export function claimDetailStore (idParam: string | undefined): ClaimDetailStore {
  const id = idParam && /^[1-9][0-9]{0,14}$/.test(idParam) ? Number(idParam) : null
  return rootStore.feature(`claim:${id ?? 'none'}`, () => new ClaimDetailStore(rootStore.api.claims, rootStore.platform.subscribe, id, {
    onLoaded: (detail) => claimsStore().replaceRow(detail),
  }))
}
