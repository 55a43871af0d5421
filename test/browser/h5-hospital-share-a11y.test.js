// Browser layer: the hospital page (signed out and signed in) and the family-sharing pages (分享给家人, 我的分享, the
// relative's view) in the standard mode and 长辈模式: the controls a person uses found by role and name, axe's WCAG
// 2.2 AA rules, the mode's text and tap sizes, and a screenshot of each. The flows themselves are tested in
// h5-hospital.test.js and h5-share.test.js.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out } = require('../support/browser')
const { expectAccessible, expectSizes, useElderMode, shownPage } = require('../support/a11y')
const { signInTab } = require('../support/h5-session')
const { startServer, readAs, requestJson } = require('../support/server-process')
const { demoInstitutions } = require('../support/demo-institutions')

jest.setTimeout(180_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

async function shoot (page, cls, name) {
  const height = await shownPage(page).locator(`.${cls}`).evaluate((el) => Math.ceil(el.scrollHeight))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

describe.each(['standard', 'elder'])('%s mode', (mode) => {
  const suffix = mode === 'elder' ? '-elder' : ''
  let page
  afterEach(async () => {
    await page?.close()
    expect(pageErrors).toEqual([])
  })

  /** A fresh tab in this mode, signed in as demo person 1; returns the session's token. */
  async function signedIn () {
    page = await phonePage(browser, pageErrors)
    if (mode === 'elder') await useElderMode(page)
    return signInTab(page, server.url, 1)
  }

  /** axe, the mode's sizes and a screenshot of the page shown. */
  async function checkAndShoot (cls, name) {
    await expectAccessible(page)
    await expectSizes(page, mode)
    await shoot(page, cls, `h5-${name}${suffix}.png`)
  }

  test('the hospital page: headings, the desk phone, my spending and claims there, the way to 首页', async () => {
    const been = (await readAs(server.url, 'wx-demo-1', '/api/v1/spending/institutions')).items.map((i) => i.code)
    const a = demoInstitutions().find((i) => been.includes(i.code) && i.desk && i.kind === 'hospital')
    await signedIn()
    await page.goto(`${server.url}/h/${a.entryCode}`)
    const hospital = shownPage(page)
    await hospital.getByRole('heading', { level: 1, name: a.name }).waitFor()
    for (const name of ['医保报销窗口', '来这里报销，请带上', '我的消费和报销']) await hospital.getByRole('heading', { level: 2, name }).waitFor()
    await hospital.getByRole('button', { name: `电话 ${a.desk.phone} 拨打` }).waitFor()
    await hospital.getByRole('button', { name: /^我在这里的消费：.*查看记录$/ }).waitFor()
    await hospital.getByRole('button', { name: /^我在这里的报销：.*查看进度$/ }).waitFor()
    await hospital.getByRole('link', { name: '进入医保账户首页 ›' }).waitFor()
    await checkAndShoot('hospital-page', 'hospital-signed-in')
  })

  test('分享给家人 and 我的分享: the choices as radio groups, every button named, each share\'s 撤回 saying which', async () => {
    const token = await signedIn()
    const claims = (await readAs(server.url, 'wx-demo-1', '/api/v1/claims')).items
    const claim = claims[0]
    await page.goto(`${server.url}/#/packages/share/pages/create/index?claim=${claim.id}`)
    const create = shownPage(page)
    await create.getByRole('heading', { level: 1, name: claim.title }).waitFor()
    await create.getByRole('radiogroup', { name: '多久内有效' }).getByRole('radio', { name: '7 天', exact: true }).waitFor()
    await create.getByRole('radiogroup', { name: '家人能否看到金额' }).getByRole('radio', { name: '显示金额', exact: true }).waitFor()
    for (const who of ['女儿', '儿子', '老伴']) await create.getByRole('button', { name: `备注为${who}` }).waitFor()
    await create.getByRole('button', { name: '生成分享' }).waitFor()
    await checkAndShoot('share-create-page', 'share-create-roles')

    const created = await requestJson(`${server.url}/api/v1/claims/${claim.id}/shares`, {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, body: { duration: '1d', showAmounts: true, channel: 'h5', recipientLabel: '女儿' },
    })
    expect(created.status).toBe(201)
    await page.goto(`${server.url}/#/packages/share/pages/mine/index`)
    const mine = shownPage(page)
    await mine.getByRole('heading', { level: 2, name: /份分享仍然有效$/ }).waitFor()
    await mine.getByRole('heading', { level: 3, name: claim.title }).first().waitFor()
    await mine.getByRole('button', { name: '全部撤回' }).waitFor()
    await mine.getByRole('button', { name: new RegExp(`^撤回“${claim.title.replace(/[()（）]/g, '.')}”（.*女儿.*）的分享$`) }).first().waitFor()
    await checkAndShoot('my-shares-page', 'share-mine-roles')

    // The relative's view: read-only, its title a heading.
    await page.goto(created.json.url ?? `${server.url}/#${created.json.path}`)
    const view = shownPage(page)
    await view.getByRole('heading', { level: 1, name: /分享给您的报销进度$/ }).waitFor()
    await checkAndShoot('share-view-page', 'share-view-roles')
  })
})
