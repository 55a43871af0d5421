// The settings pages' stores, made on first use by the page that needs one (so their code stays in this subpackage)
// and reset with every new token by the root.
import { rootStore } from '../../../stores/index'
import { PrivacySettingsStore } from './privacy-settings-store'

/** 隐私与授权. */
export function privacySettingsStore (): PrivacySettingsStore {
  return rootStore.feature('privacy-settings', () => new PrivacySettingsStore(rootStore.consent, rootStore.session, rootStore.account))
}
