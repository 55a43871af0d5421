// The app's single RootStore, wired to the real network (services/http) and this build's platform adapter.
import { createApi } from '../services/api/create-api'
import { createHttpClient, taroTransport } from '../services/http'
import { platform } from '../platform/adapter'
import { channel } from '../platform/launch'
import { RootStore } from './root-store'

/** The one http client; a feature subpackage makes its own typed calls on it, so their code stays in that package. */
export const http = createHttpClient({
  transport: taroTransport,
  baseUrl: API_BASE,
  // The hooks read the store lazily: it is created just below, from the api this client serves.
  getToken: () => rootStore.session.token,
  // Which build and entry scene, for the person's 谁查看了我的数据 page (the server records them with each read).
  clientHeaders: () => {
    const headers: Record<string, string> = { 'X-Client-Channel': channel }
    // How the person arrived (`hospital:1047`, `scan:0`, …), read afresh at every App show (platform/entry).
    const scene = rootStore.entry.sceneHeader
    if (scene) headers['X-Entry-Scene'] = scene
    return headers
  },
  onUnauthorized: (error) => { void rootStore.session.endSession(error.message) },
  onVerificationRequired: (error) => rootStore.session.requireVerification(error.message),
  onConsentRequired: () => { void rootStore.consentRequired() },
})

export const rootStore = new RootStore(createApi(http), platform)
