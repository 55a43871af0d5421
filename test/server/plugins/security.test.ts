// Content-Security-Policy: scripts from our own origin, and of inline scripts exactly those the H5 page ships (Taro's
// rem setup, without which every rem size falls back to the browser default), allowed by hash.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { inlineScriptHashes } from '../../../server/plugins/security'
import { makeTestApp } from '../../support/app'

const sha = (body: string) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`

test('hashes inline scripts only, byte for byte', () => {
  const inline = '!function(n){n.document.documentElement.style.fontSize="40px"}(window)'
  const html = `<html><head><script>${inline}</script><script defer="defer" src="/js/app.js"></script>` +
    '<script type="text/javascript">\nvar a = 1\n</script></head></html>'
  expect(inlineScriptHashes(html)).toEqual([sha(inline), sha('\nvar a = 1\n')])
  expect(inlineScriptHashes('<script src="/x.js"></script>')).toEqual([])
})

test('the served H5 page may run its own inline script and nothing else inline', async () => {
  const root = mkdtempSync(join(tmpdir(), 'h5-'))
  const inline = 'document.documentElement.style.fontSize = "50px"'
  writeFileSync(join(root, 'index.html'), `<!doctype html><html><head><script>${inline}</script></head><body></body></html>`)
  const t = await makeTestApp({ env: { STATIC_ROOT: root }, seed: false })
  try {
    const res = await t.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    const csp = String(res.headers['content-security-policy'])
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))
    expect(scriptSrc).toBe(`script-src 'self' ${sha(inline)}`)
  } finally {
    await t.close()
  }
})
