// The share pages' stores, made on first use by the page that needs one (so their code and the share calls stay in
// this subpackage) and reset with every new token by the root, like the account pages' stores.
import { http, rootStore } from '../../../stores/index'
import { share } from '../../../platform/share'
import { channel } from '../../../platform/launch'
import { createShareApi, type ShareApi } from '../api'
import { ShareCreateStore } from './share-create-store'
import { ShareViewStore } from './share-view-store'
import { MySharesStore } from './my-shares-store'

let api: ShareApi | null = null
const shareApi = (): ShareApi => (api ??= createShareApi(http))

/** 分享给家人 for one claim (`idParam`: the page's `claim` query); one per claim. */
export function shareCreateStore (idParam: string | undefined): ShareCreateStore {
  const id = idParam && /^[1-9][0-9]{0,14}$/.test(idParam) ? Number(idParam) : null
  return rootStore.feature(`share-create:${id ?? 'none'}`, () => new ShareCreateStore(shareApi(), rootStore.api.claims, share, channel, id))
}

/** 我的分享. */
export function mySharesStore (): MySharesStore {
  return rootStore.feature('my-shares', () => new MySharesStore(shareApi()))
}

/**
 * 家人查看 for one token: a store of its own per page opening, kept out of rootStore so that no login, logout or
 * session of the viewer's touches it (the token is not the viewer's, and it is never stored).
 */
export function shareViewStore (token: string | undefined): ShareViewStore {
  return new ShareViewStore(shareApi(), token)
}
