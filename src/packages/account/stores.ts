// The account pages' stores, created on first use by whichever page needs one (so their code stays in this
// subpackage) and reset with every new token by the root.
import { rootStore } from '../../stores/index'
import { SpendingStore } from '../../stores/spending-store'

/** 消费记录's store; 消费详情 updates its rows after a dispute. */
export function spendingStore (): SpendingStore {
  return rootStore.feature('spending', () => new SpendingStore(rootStore.api.spending))
}
