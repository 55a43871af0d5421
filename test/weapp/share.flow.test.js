// Compiled weapp layer: 分享给家人 end to end against the real server. Person 1 signs in, opens a claim under way from
// 报销进度, taps 分享给家人, chooses 7 天 and 女儿 (amounts hidden, the default), reads the sentence, makes the grant and
// shares the card: its path carries the token, its title and picture nothing personal. 我的分享 then lists the grant.
// A second, fresh mini-program (no login at all, as a relative's phone) opens the card's path: the family view with
// the owner's masked name, no amounts and the steps still to come; the token went in a header only, with no session.
const fs = require('fs')
const path = require('path')
const { distDir } = require('../support/dist')
const { waitFor, signedInMiniProgram, createMiniProgram } = require('./harness')
const { startServer, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(150_000)
const root = distDir('weapp')

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
/** Elements with a class, found in the page's composed DOM (simulate prefixes each class with its component's tag;
 * querySelector stops at Taro's deeper `comp` levels). */
const byClass = (page, cls) => [...page.dom.querySelectorAll(`[class*="--${cls}"]`)]
  .filter((el) => (el.getAttribute('class') || '').split(/\s+/).some((c) => c.endsWith(`--${cls}`)))
const one = (page, cls) => byClass(page, cls)[0]

function tap (element) {
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(element.__wxElement, exparser.Event.create('tap', {}, { bubbles: true, composed: true }))
}

const TOKEN_PATH = /^\/packages\/share\/pages\/view\/index\?t=([A-Za-z0-9_-]{32})$/

test('the weapp build names its sitemap, which keeps the share pages out of WeChat search', () => {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'))
  expect(app.sitemapLocation).toBe('sitemap.json')
  const sitemap = JSON.parse(fs.readFileSync(path.join(root, 'sitemap.json'), 'utf8'))
  const disallowed = sitemap.rules.filter((r) => r.action === 'disallow').map((r) => r.page)
  expect(disallowed).toEqual(expect.arrayContaining(['packages/share/pages/view/index', 'packages/share/pages/mine/index', 'packages/share/pages/create/index']))
  expect(fs.existsSync(path.join(root, 'packages/share/assets/share-card.png'))).toBe(true)
})

test('报销详情 → 分享给家人 → the card\'s path carries the token; a fresh mini-program with no login opens it', async () => {
  const person = demoPersons()[0]
  const claims = await readAs(server.url, 'wx-demo-1', '/api/v1/claims')
  const underWay = claims.items.find((i) => i.stage === 'first_review')
  expect(underWay).toBeTruthy()

  const { mp, home } = await signedInMiniProgram({ root, apiOrigin: server.url, loginCode: 'wx-demo-1' })

  // 首页 → 报销进度 → the claim → 分享给家人.
  home.querySelector('.entry-claims').dispatchEvent('tap')
  const list = await waitFor(() => mp.pages.length === 2 && mp.current())
  const row = await waitFor(() => byClass(list, 'claim-row').find((r) => r.textContent.includes(underWay.title)), 10_000)
  tap(row)
  const detail = await waitFor(() => mp.pages.length === 3 && mp.current())
  await waitFor(() => text(detail).includes('分享给家人') && text(detail).includes('我的分享'), 10_000)
  tap(one(detail, 'share-claim-btn'))
  const create = await waitFor(() => mp.pages.length === 4 && mp.current())
  expect(mp.pages[3].route).toBe('packages/share/pages/create/index')
  expect(mp.pages[3].options).toEqual({ claim: String(underWay.id) })

  // The choices and the sentence that follows them.
  await waitFor(() => text(create).includes(underWay.title) && one(create, 'share-create-btn'), 10_000)
  expect(text(create)).toContain('家人打开链接后能看到这笔报销办到了哪一步')
  expect(text(create)).toContain('看不到金额')
  expect(text(create)).toContain('1 天内有效')
  tap(byClass(create, 'duration-option').find((el) => el.textContent.includes('7 天')))
  tap(byClass(create, 'recipient-suggestion').find((el) => el.textContent.includes('女儿')))
  await waitFor(() => text(create).includes('女儿打开链接后') && text(create).includes('7 天内有效'))
  expect(byClass(create, 'amounts-option').find((el) => el.textContent.includes('不显示金额')).getAttribute('class')).toContain('choice--on')

  // 生成分享: one grant with those choices; then 发给家人 (a share button) once the menu has been told about the card.
  tap(one(create, 'share-create-btn'))
  await waitFor(() => text(create).includes('分享已生成') && one(create, 'share-send-btn'), 10_000)
  const posts = mp.requests.filter((r) => r.method === 'POST' && r.url.endsWith(`/api/v1/claims/${underWay.id}/shares`))
  expect(posts).toHaveLength(1)
  expect(posts[0].data).toEqual({ duration: '7d', showAmounts: false, channel: 'weapp', recipientLabel: '女儿' })
  // No WeChat credentials here, so no activity id: the plain card (the menu told so, not left private from before).
  await waitFor(() => mp.shareMenus.length === 1)
  expect(mp.shareMenus[0]).toMatchObject({ isPrivateMessage: false, withShareTicket: false })
  expect(text(create)).toContain('请只发给这一位家人')
  expect(text(create)).toContain(`家人会看到${person.name[0]}${'*'.repeat(person.name.length - 1)}的“${underWay.title}”`)

  // The card: the token in its path; the title and picture say nothing of the person or the claim.
  const card = mp.shareAppMessage('button')
  expect(card).toEqual({ title: '家人分享了一条报销进度', path: expect.stringMatching(TOKEN_PATH), imageUrl: '/packages/share/assets/share-card.png' })
  expect(fs.existsSync(path.join(root, card.imageUrl))).toBe(true)
  const token = TOKEN_PATH.exec(card.path)[1]
  expect(card.title).not.toContain(person.name[0])

  // 我的分享 lists it: the claim, for whom, not opened yet.
  tap(one(create, 'share-mine-btn'))
  const mine = await waitFor(() => mp.pages.length === 5 && mp.current())
  expect(mp.pages[4].route).toBe('packages/share/pages/mine/index')
  await waitFor(() => byClass(mine, 'share-item').length === 1, 10_000)
  expect(text(mine)).toContain(underWay.title)
  expect(text(mine)).toContain('发给：女儿')
  expect(text(mine)).toContain('家人还没有打开过')
  expect(text(mine)).toContain('不显示金额')
  expect(mp.shareAppMessage('menu')).toBeUndefined()

  // Back to 报销详情 and 分享给家人 again: a new grant's choices, never the last recipient's link or card.
  global.wx.navigateBack({ delta: 2 })
  await waitFor(() => mp.pages.length === 3)
  tap(one(mp.current(), 'share-claim-btn'))
  const again = await waitFor(() => mp.pages.length === 4 && mp.current())
  await waitFor(() => one(again, 'share-create-btn'), 10_000)
  expect(text(again)).not.toContain('分享已生成')
  expect(one(again, 'share-send-btn')).toBeUndefined()
  expect(text(again)).toContain('1 天内有效')
  expect(mp.shareAppMessage('button')?.path ?? '').not.toContain(token)

  // Another person's claim id in the create page's query: the sentence and the way back, nothing to share.
  const others = await readAs(server.url, 'wx-demo-3', '/api/v1/claims')
  const foreign = mp.open(`packages/share/pages/create/index?claim=${others.items[0].id}`)
  await waitFor(() => text(foreign).includes('没有找到这笔报销申请，请回到报销进度重新选择'), 10_000)
  expect(text(foreign)).not.toContain(others.items[0].title)
  expect(one(foreign, 'share-create-btn')).toBeUndefined()
  expect(one(foreign, 'share-claims-btn')).toBeTruthy()

  // A relative's phone: a fresh mini-program (its own modules, storage and session, never logged in), cold-started
  // from the card in a chat (scene 1007) at the card's path, as WeChat opens it.
  jest.resetModules()
  const [route, query] = card.path.slice(1).split('?')
  const family = createMiniProgram({
    root, apiOrigin: server.url, loginCode: 'wx-never-used',
    launch: { path: route, query: Object.fromEntries(new URLSearchParams(query)), scene: 1007 },
  })
  const view = await waitFor(() => family.pages.length === 1 && family.current())
  expect(family.pages[0].route).toBe('packages/share/pages/view/index')
  await waitFor(() => text(view).includes('分享给您的报销进度'), 10_000)
  const masked = `${person.name[0]}${'*'.repeat(person.name.length - 1)}`
  expect(text(view)).toContain(`${masked} 分享给您的报销进度`)
  expect(text(view)).not.toContain(person.name)
  expect(text(view)).toContain(underWay.title)
  expect(text(view)).toContain('初审中')
  expect(text(view)).toContain('办理记录')
  // The steps still to come after 初审 (复审, 审核通过, 打款到账), each 尚未开始, as on 报销详情.
  expect(text(view).split('尚未开始').length - 1).toBe(3)
  expect(text(view)).toMatch(/复审[\s\S]*审核通过[\s\S]*打款到账/)
  expect(text(view)).toContain('分享人未公开金额')
  expect(text(view)).not.toMatch(/¥/)
  expect(text(view)).toMatch(/有效期至 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/)
  expect(text(view)).not.toMatch(/登录/)
  // The token travelled in a header only, with no session; nothing else of the owner was asked for.
  expect(family.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/share-view'])
  const read = family.requests[0]
  expect(read.url).not.toContain(token)
  expect(read.header['X-Share-Token']).toBe(token)
  expect(read.header.Authorization).toBeUndefined()
  expect(read.header['X-Entry-Scene']).toBe('share:1007')
  // No onward share from the family view; kept out of screen recordings where WeChat can.
  expect(family.shareAppMessage()).toBeUndefined()
  expect(family.captureEffects).toEqual(['hidden'])

  // The owner's 我的分享 now counts the view.
  const listed = await readAs(server.url, 'wx-demo-1', '/api/v1/shares')
  expect(listed.items[0]).toMatchObject({ recipientLabel: '女儿', viewCount: 1, status: 'active', showAmounts: false })
})
