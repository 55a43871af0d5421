// The share calls on the real http client: the family view's token travels only in X-Share-Token and never with
// the viewer's own session (a relative signed in to this app must not be logged as themselves reading it); the
// owner's calls carry the owner's session.
import { createHttpClient, type TransportRequest } from '../../../../src/services/http'
import { createShareApi } from '../../../../src/packages/share/api'
import { shareView, TOKEN } from './stores/fakes'

function signedIn () {
  const calls: TransportRequest[] = []
  const http = createHttpClient({
    baseUrl: 'http://api.test',
    getToken: () => 'viewer-session-token',
    transport: async (request) => {
      calls.push(request)
      return { statusCode: 200, data: request.url.endsWith('/share-view') ? shareView() : { items: [] }, header: {} }
    },
  })
  return { api: createShareApi(http), calls }
}

const headerNames = (r: TransportRequest) => Object.keys(r.header).map((k) => k.toLowerCase())

it('sends the family view with the token in its header only, and without the viewer\'s session', async () => {
  const { api, calls } = signedIn()
  await api.view(TOKEN)
  expect(calls).toHaveLength(1)
  expect(calls[0]!.url).toBe('http://api.test/api/v1/share-view')
  expect(calls[0]!.url).not.toContain(TOKEN)
  expect(calls[0]!.header['X-Share-Token']).toBe(TOKEN)
  expect(headerNames(calls[0]!)).not.toContain('authorization')
})

it('sends 我的分享 with the owner\'s session', async () => {
  const { api, calls } = signedIn()
  await api.list()
  expect(calls[0]!.header.Authorization ?? calls[0]!.header.authorization).toBe('Bearer viewer-session-token')
  expect(headerNames(calls[0]!)).not.toContain('x-share-token')
})
