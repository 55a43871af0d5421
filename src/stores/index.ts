// The app's single RootStore, wired to the real network (services/http) and this build's platform adapter.
import { createApi } from '../services/api/create-api'
import { createHttpClient, taroTransport } from '../services/http'
import { platform } from '../platform/adapter'
import { channel, entryScene } from '../platform/launch'
import { RootStore } from './root-store'

const http = createHttpClient({
  transport: taroTransport,
  baseUrl: API_BASE,
  // The hooks read the store lazily: it is created just below, from the api this client serves.
  getToken: () => rootStore.session.token,
  // Which build and entry scene, for the person's 谁查看了我的数据 page (the server records them with each read).
  clientHeaders: () => {
    const headers: Record<string, string> = { 'X-Client-Channel': channel }
    const scene = entryScene()
    if (scene) headers['X-Entry-Scene'] = scene
    return headers
  },
  onUnauthorized: (error) => { void rootStore.session.endSession(error.message) },
  onVerificationRequired: (error) => rootStore.session.requireVerification(error.message),
})

export const rootStore = new RootStore(createApi(http), platform)
