// The hospital page's store, one per entry code, created on first use by the page (so its code stays in this
// subpackage) and told by the root when the session's holder changes.
import { rootStore, http } from '../../../stores/index'
import { createHospitalApi } from '../api'
import { HospitalStore } from './hospital-store'

export function hospitalStore (code: string | null): HospitalStore {
  return rootStore.feature(`hospital:${code ?? 'none'}`, () => new HospitalStore(createHospitalApi(http), code))
}
