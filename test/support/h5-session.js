// A browser tab already signed in as demo person n, with both consents given through the real API, for tests about
// what a signed-in page shows (the login and consent screens have tests of their own that go through the UI).
const { requestJson } = require('./server-process')

/**
 * Signs in demo person n (dev code `wx-demo-<n>`: bound and verified), accepts every current document for them, and
 * seeds the page's storage as the app keeps it after a login (the session in sessionStorage, the privacy version
 * agreed on this browser in localStorage) before its first script runs. `verifiedUntil` replaces the end of the
 * verification window the tab believes in (the server keeps its own). Returns the session's token.
 */
async function signInTab (page, serverUrl, n, { verifiedUntil: verifiedUntilHere } = {}) {
  const login = await requestJson(`${serverUrl}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code: `wx-demo-${n}` } })
  if (login.status !== 200) throw new Error(`login wx-demo-${n}: ${login.status} ${login.text}`)
  const { token, expiresAt, bound, verifiedUntil } = login.json
  const headers = { authorization: `Bearer ${token}` }
  const standing = await requestJson(`${serverUrl}/api/v1/consents`, { headers })
  let privacyVersion = null
  for (const { document, version, acceptedAt } of standing.json.items) {
    if (document === 'privacy') privacyVersion = version
    if (acceptedAt) continue
    const res = await requestJson(`${serverUrl}/api/v1/consents`, { method: 'POST', headers, body: { document, version, channel: 'h5' } })
    if (res.status !== 200) throw new Error(`consent ${document}: ${res.status} ${res.text}`)
  }
  const session = JSON.stringify({ token, expiresAt, bound, verifiedUntil: verifiedUntilHere ?? verifiedUntil })
  const privacy = JSON.stringify({ version: privacyVersion, acceptedAt: new Date().toISOString() })
  await page.addInitScript({ content: `sessionStorage.setItem('yibao.session', ${JSON.stringify(session)}); localStorage.setItem('yibao.privacy', ${JSON.stringify(privacy)})` })
  return token
}

module.exports = { signInTab }
