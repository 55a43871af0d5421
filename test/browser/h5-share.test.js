// Browser layer: 分享给家人 on H5 against the real server. Person 1 signs in by SMS (我的分享 from 首页 is empty yet),
// opens a claim under way, shares it with 老伴 (amounts hidden): the link (token after #) is copied and drawn as a QR
// code. A second browser context — a relative's phone, never signed in — opens the link and sees the masked view with
// the steps still to come greyed; the token went only in a header. The owner revokes it in 我的分享, and the relative's reload shows the one kind page for a
// link that opens nothing.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { startServer, latestSmsCode, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(180_000)

let server; let browser; let owner; let relative; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  owner = await phonePage(browser, pageErrors)
  relative = await phonePage(browser, pageErrors)
})
afterAll(async () => { await browser?.close(); await server?.stop() })

/** The whole page in one picture: H5 pages scroll inside Taro's page container, so the window grows for the shot. */
async function screenshot (page, name, cls) {
  const height = await page.locator(`.taro_page_stationed .${cls}`).evaluate((el) => Math.ceil(el.getBoundingClientRect().height))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

const LINK = /^(http:\/\/127\.0\.0\.1:\d+)\/#\/packages\/share\/pages\/view\/index\?t=([A-Za-z0-9_-]{32})$/

test('the owner shares on H5; a second context opens the link with no login; revoked, its reload shows the expired page', async () => {
  const person = demoPersons()[0]
  const masked = `${person.name[0]}${'*'.repeat(person.name.length - 1)}`
  const claims = await readAs(server.url, 'wx-demo-1', '/api/v1/claims')
  const underWay = claims.items.find((i) => i.stage === 'first_review')
  expect(underWay).toBeTruthy()
  await owner.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })

  // SMS login as person 1, the sensitive-information consent, then 首页 → 报销进度 → the claim.
  await owner.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(owner)
  await owner.locator('taro-button-core.login-entry-btn').click()
  const login = owner.locator('.taro_page_stationed .login-page')
  await login.waitFor()
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.getByText(/\d+秒后重新获取/).waitFor()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone, { purpose: 'login' }))
  await login.locator('taro-button-core.sms-login-btn').click()
  await agreeToSensitive(owner)

  // 首页's 我的分享, before any share: the empty list says how to share.
  await owner.locator('.taro_page_stationed .home-page .entry-shares').click()
  const empty = owner.locator('.taro_page_stationed .my-shares-page .shares-empty')
  await empty.getByText('还没有分享过').waitFor()
  await empty.getByText('在“报销详情”里点“分享给家人”', { exact: false }).waitFor()
  await screenshot(owner, 'h5-share-mine-empty.png', 'my-shares-page')
  await owner.goBack()
  await owner.locator('.taro_page_stationed .home-page .entry-claims').click()
  await owner.locator('.taro_page_stationed .claims-page .claim-row', { hasText: underWay.title }).click()
  const detail = owner.locator('.taro_page_stationed .claim-page')
  await detail.locator('.claim-stage').getByText('初审中').waitFor()
  await detail.locator('.claim-share-hint').getByText('家人不用登录就能看到这笔报销的进度，您可以随时撤回').waitFor()
  await screenshot(owner, 'h5-share-claim.png', 'claim-page')

  // 分享给家人: the choices, and the sentence that follows them.
  await detail.locator('taro-button-core.share-claim-btn').click()
  const create = owner.locator('.taro_page_stationed .share-create-page')
  await create.locator('.share-claim-title').getByText(underWay.title).waitFor()
  expect(owner.url()).toContain(`/packages/share/pages/create/index?claim=${underWay.id}`)
  const sentence = create.locator('.share-sentence-text')
  await sentence.getByText('家人打开链接后能看到这笔报销办到了哪一步', { exact: false }).waitFor()
  await create.getByRole('radio', { name: '1 天' }).waitFor()
  expect(await create.getByRole('radio', { name: '不显示金额' }).getAttribute('aria-checked')).toBe('true')
  await create.locator('.recipient-input input').fill('老伴')
  await sentence.getByText(/^老伴打开链接后.*看不到金额.*1 天内有效/).waitFor()
  // Keyboard: the duration is a radio group that Enter chooses in.
  await create.getByRole('radio', { name: '7 天' }).focus()
  await owner.keyboard.press('Enter')
  await sentence.getByText(/7 天内有效/).waitFor()
  await create.getByRole('radio', { name: '1 天' }).click()
  await sentence.getByText(/1 天内有效/).waitFor()
  await screenshot(owner, 'h5-share-create.png', 'share-create-page')

  // 生成分享: the link with the token after #, copied; its QR code for someone standing beside the owner.
  const posted = owner.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/v1/claims/${underWay.id}/shares`))
  await create.locator('taro-button-core.share-create-btn').click()
  expect(JSON.parse((await posted).postData())).toEqual({ duration: '1d', showAmounts: false, channel: 'h5', recipientLabel: '老伴' })
  await create.getByText('分享已生成').waitFor()
  const link = (await create.locator('.share-link').textContent()).trim()
  const [, origin, token] = LINK.exec(link) ?? []
  expect(origin).toBe(server.url)
  expect(token).toBeTruthy()
  await create.locator('.share-done-summary').getByText(`家人会看到${masked}的“${underWay.title}”`, { exact: false }).waitFor()
  const qr = create.locator('.share-qr-image img')
  await qr.waitFor()
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/)
  expect(await qr.evaluate((img) => img.naturalWidth > 0)).toBe(true)
  await create.locator('taro-button-core.share-copy-btn').click()
  await create.getByText('链接已复制，可以粘贴到聊天里发给家人').waitFor()
  expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(link)
  await screenshot(owner, 'h5-share-created.png', 'share-create-page')

  // A relative's phone: another browser context, never signed in, opens the link.
  const reads = []
  relative.on('request', (r) => { if (r.url().includes('/api/')) reads.push({ url: r.url(), headers: r.headers() }) })
  const answer = relative.waitForResponse((r) => r.url().endsWith('/api/v1/share-view'))
  await relative.goto(link)
  const view = relative.locator('.taro_page_stationed .share-view-page')
  await view.locator('.family-owner').getByText(`${masked} 分享给您的报销进度`).waitFor()
  const response = await answer
  expect(response.status()).toBe(200)
  expect(response.headers()['cache-control']).toContain('no-store')
  expect(response.headers()['referrer-policy']).toBe('no-referrer')
  await view.locator('.claim-title').getByText(underWay.title).waitFor()
  await view.locator('.claim-stage').getByText('初审中').waitFor()
  await view.getByText('分享人未公开金额').waitFor()
  const claim = await readAs(server.url, 'wx-demo-1', `/api/v1/claims/${underWay.id}`)
  expect(await view.locator('.claim-step:not(.claim-step--upcoming) .nut-step-title').allTextContents()).toEqual(claim.timeline.map((e) => e.stageName))
  // Then the steps still to come after 初审, greyed (NutUI's waiting steps), as 报销详情 draws them.
  const upcoming = view.locator('.claim-step--upcoming')
  expect(await upcoming.locator('.nut-step-title').allTextContents()).toEqual(['复审', '审核通过', '打款到账'])
  expect(await view.locator('.claim-step--upcoming.nut-step-wait').count()).toBe(3)
  expect(await upcoming.locator('.claim-step-note--upcoming').allTextContents()).toEqual(['尚未开始', '尚未开始', '尚未开始'])
  expect(await view.locator('.family-expires').textContent()).toMatch(/^有效期至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
  const shown = await view.textContent()
  expect(shown).not.toContain(person.name)
  expect(shown).not.toMatch(/¥/)
  expect(shown).not.toContain('登录')
  // Only the one read, the token in its header and never in a URL, with no session.
  expect(reads.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/share-view'])
  expect(reads[0].url).not.toContain(token)
  expect(reads[0].headers['x-share-token']).toBe(token)
  expect(reads[0].headers.authorization).toBeUndefined()
  await screenshot(relative, 'h5-share-family-view.png', 'share-view-page')

  // The owner: 我的分享 shows the grant and its one view; 撤回 after the confirmation.
  await create.locator('taro-button-core.share-mine-btn').click()
  const mine = owner.locator('.taro_page_stationed .my-shares-page')
  const item = mine.locator('.share-item', { hasText: '发给：老伴' })
  await item.getByText('家人打开过 1 次', { exact: false }).waitFor()
  await item.getByText('不显示金额').waitFor()
  await item.locator('.share-item-status').getByText('有效').waitFor()
  await screenshot(owner, 'h5-share-mine.png', 'my-shares-page')
  await item.locator('taro-button-core.revoke-btn').click()
  const dialog = owner.locator('.revoke-dialog')
  await dialog.getByText(`“${underWay.title}”（发给：老伴）的分享会失效`, { exact: false }).waitFor()
  await dialog.locator('taro-button-core.revoke-confirm-btn').click()
  await item.locator('.share-item-status').getByText('已撤回').waitFor()
  await mine.getByText('已撤回，家人再打开会看到链接已失效').waitFor()
  await dialog.waitFor({ state: 'hidden' })
  await screenshot(owner, 'h5-share-mine-revoked.png', 'my-shares-page')

  // The relative's reload: the kind page, and nothing of the claim.
  const again = relative.waitForResponse((r) => r.url().endsWith('/api/v1/share-view'))
  await relative.reload()
  expect((await again).status()).toBe(404)
  await view.getByText('链接已失效，请让家人重新分享').waitFor()
  expect(await view.textContent()).not.toContain(underWay.title)
  await screenshot(relative, 'h5-share-expired.png', 'share-view-page')

  // A made-up token reads the same.
  const madeUp = relative.waitForResponse((r) => r.url().endsWith('/api/v1/share-view') && r.request().headers()['x-share-token'] === 'A'.repeat(32))
  await relative.goto(`${server.url}/#/packages/share/pages/view/index?t=${'A'.repeat(32)}`)
  await relative.reload()
  expect((await madeUp).status()).toBe(404)
  await view.getByText('链接已失效，请让家人重新分享').waitFor()

  expect(pageErrors).toEqual([])
})
