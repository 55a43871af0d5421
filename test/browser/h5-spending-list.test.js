// Browser layer: 消费记录's list as a person (and a screen reader) uses it, in the standard mode and in 长辈模式:
// headings, filter buttons and rows found by role and name, the filter sheets as modal dialogs that take and give
// back the focus, the filtered totals against the API's figures, the next page by the End key and by a jump to the
// bottom, 加载更多 and the end of the list, rows that fit their fixed height, no layout shift while the page's
// styles arrive, and axe's WCAG 2.2 AA checks. Screenshots in test-output/.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { expectAccessible, expectSizes, useElderMode } = require('../support/a11y')
const { yuan } = require('../support/money')
const { startServer, latestSmsCode, readAs } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')
const rowFigures = require('../../src/packages/account/components/spending-row.json')

jest.setTimeout(240_000)

let server; let browser
/** The storage of the first sign-in, for the later pages of this file. */
let signedIn = null
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

const apiAs = (path) => readAs(server.url, 'wx-demo-1', path)

/** An amount in words (`1102 元 30 分`, `58 元`), made here, not by the app's code. */
function spoken (fen) {
  const y = Math.floor(fen / 100)
  const f = fen % 100
  return f === 0 ? `${y} 元` : y === 0 ? `${f} 分` : `${y} 元 ${f} 分`
}

/** The words a row is named by, made here from the API's item (China's calendar, amount in 元). */
function rowName (item) {
  const d = new Date(Date.parse(item.settledAt) + 8 * 3600_000)
  const date = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
  const amount = spoken(item.totalFen)
  const tag = item.openDispute ? '，核实中' : item.anomalies.length ? '，请留意' : item.beneficiary ? `，为${item.beneficiary.relation}支付` : ''
  return `${date} ${item.institution.name} ${item.visitTypeName} 支出 ${amount}${tag}`
}

/** A fresh phone page (长辈模式 when asked), signed in as demo person 1 through the UI, on 消费记录. */
async function openSpending (elder, pageErrors) {
  const page = await phonePage(browser, pageErrors)
  if (elder) await useElderMode(page)
  // Every layout shift of the document, from its first paint on.
  await page.addInitScript({
    content: `window.__shifts = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value) })
        .observe({ type: 'layout-shift', buffered: true })`,
  })
  if (signedIn) {
    // The session this file signed in with (the dev SMS gateway refuses a second code to one phone within a minute).
    await page.addInitScript({
      content: `sessionStorage.setItem('yibao.session', ${JSON.stringify(signedIn.session)}); localStorage.setItem('yibao.privacy', ${JSON.stringify(signedIn.privacy)})`,
    })
    await page.goto(`${server.url}/#/pages/index/index`)
  } else {
    const person = demoPersons()[0]
    await page.goto(`${server.url}/#/pages/index/index`)
    await agreeToPrivacy(page)
    await page.locator('taro-button-core.login-entry-btn').click()
    const login = page.locator('.taro_page_stationed .login-page')
    await login.locator('.phone-input input').fill(person.phone)
    await login.locator('taro-button-core.send-code-btn').click()
    await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone))
    await login.locator('taro-button-core.sms-login-btn').click()
    await agreeToSensitive(page)
    signedIn = await page.evaluate(() => ({
      session: globalThis.sessionStorage.getItem('yibao.session'), privacy: globalThis.localStorage.getItem('yibao.privacy'),
    }))
  }
  await page.locator('.taro_page_stationed .home-page .entry-spending').waitFor()
  const before = await page.evaluate(() => globalThis.__shifts.length)
  await page.locator('.taro_page_stationed .home-page .entry-spending').click()
  await page.locator('.taro_page_stationed .spending-page .spending-list .row').first().waitFor()
  return { page, before }
}

/** The sum of the layout shifts since `from` (their index), after two frames for the last ones to be reported. */
async function shiftsSince (page, from) {
  return page.evaluate(async (i) => {
    await new Promise((resolve) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(resolve)))
    return globalThis.__shifts.slice(i).reduce((a, b) => a + b, 0)
  }, from)
}

/** 消费记录's own scroller (while the page slides in, Taro marks 首页 as stationed too). */
const scroller = (page) => page.locator('.taro_page_stationed', { has: page.locator('.spending-page') })

for (const elder of [false, true]) {
  const mode = elder ? '长辈模式' : 'standard mode'
  const suffix = elder ? '-elder' : ''
  const tapMin = elder ? 48 : 44

  describe(`消费记录 in the ${mode}`, () => {
    test('headings, filter buttons, rows by name, 加载更多; rows that fit; no layout shift; accessible', async () => {
      const pageErrors = []
      const first = await apiAs('/api/v1/spending?limit=20')
      const { page, before } = await openSpending(elder, pageErrors)
      const list = scroller(page)

      // The rows were drawn in their final place: nothing moved while the page's styles and data arrived.
      const firstRow = list.getByRole('button', { name: rowName(first.items[0]) })
      await firstRow.waitFor()
      const box = await firstRow.boundingBox()
      expect(await shiftsSince(page, before)).toBeLessThan(0.01)

      await list.getByRole('heading', { level: 1, name: '消费记录' }).waitFor({ state: 'attached' })
      await list.getByRole('heading', { level: 2, name: '医院和药店的结算' }).waitFor()
      for (const name of ['时间：全部时间', '类型：全部类型', '机构：全部医院和药店']) {
        const b = list.getByRole('button', { name, exact: true })
        const size = await b.boundingBox()
        expect(size.height).toBeGreaterThanOrEqual(tapMin)
      }
      // Time and type side by side and of one width whatever their words.
      const [range, type] = await Promise.all(['时间：全部时间', '类型：全部类型'].map((name) => list.getByRole('button', { name, exact: true }).boundingBox()))
      expect(Math.abs(range.width - type.width)).toBeLessThan(1)
      // Every row of the first page by its name, in order.
      for (const item of first.items.slice(0, 5)) await list.getByRole('button', { name: rowName(item), exact: true }).waitFor()
      // Rows of the mode's height (spending-row.json, at 375 px), with nothing spilling out of them.
      const rowPx = (elder ? rowFigures.elderHeightRpx : rowFigures.heightRpx) / 2
      const fits = await list.locator('.spending-list .row').evaluateAll((rows) => rows.slice(0, 20).map((r) => ({
        h: r.getBoundingClientRect().height,
        spill: [...r.querySelectorAll('.row-line, .pay')].some((c) => c.getBoundingClientRect().bottom > r.getBoundingClientRect().bottom + 0.5 || c.scrollHeight > c.clientHeight + 1),
      })))
      expect(fits.length).toBe(20)
      for (const f of fits) expect(f).toEqual({ h: rowPx, spill: false })
      await page.screenshot({ path: join(out, `h5-spending-list-unfiltered${suffix}.png`) })
      await expectAccessible(page)
      await expectSizes(page, elder ? 'elder' : 'standard')
      // The row has not moved since it first showed.
      expect(await firstRow.boundingBox()).toEqual(box)

      // Opened straight from its address on a slow phone (the CPU four times slower; the page's script and styles
      // fetched afresh): the rows appear in their place, and nothing arrives above them afterwards.
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
      await page.reload()
      await list.getByRole('button', { name: rowName(first.items[0]), exact: true }).waitFor()
      await list.getByRole('heading', { level: 2, name: '家庭共济缴费' }).waitFor()
      await list.getByText(/数据截至/).waitFor()
      expect(await shiftsSince(page, 0)).toBeLessThan(0.01)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 })

      // 加载更多 is a button a person can tap; the next page follows.
      const second = await apiAs(`/api/v1/spending?limit=20&cursor=${encodeURIComponent(first.nextCursor)}`)
      // Pressed where it is, as a screen reader presses it (scrolling down to it would bring the page by itself).
      const more = list.getByRole('button', { name: '加载更多' })
      const answered = page.waitForResponse((r) => r.url().includes(`cursor=${encodeURIComponent(first.nextCursor)}`))
      await more.dispatchEvent('click')
      await answered
      await scroller(page).evaluate((el) => { el.scrollTop = el.scrollHeight })
      await list.getByRole('button', { name: rowName(second.items[second.items.length - 1]), exact: true }).waitFor()
      expect(pageErrors).toEqual([])
      await page.context().close()
    })

    test('the End key and a jump to the bottom each bring the next page, again and again', async () => {
      const pageErrors = []
      const first = await apiAs('/api/v1/spending?limit=20')
      const { page } = await openSpending(elder, pageErrors)
      const list = scroller(page)
      const rows = () => list.locator('.spending-list .row').evaluateAll((els) => els.length)
      const pages = []
      let cursor = first.nextCursor
      for (let i = 0; i < 3; i++) {
        const next = await apiAs(`/api/v1/spending?limit=20&cursor=${encodeURIComponent(cursor)}`)
        pages.push(next)
        cursor = next.nextCursor
      }
      const lastRowOf = (p) => list.locator(`.spending-list .row[data-id="${p.items[p.items.length - 1].id}"]`)
      // End, twice: after the first append the person is still at the old bottom, which Taro's reach-bottom
      // (latched until a scroll above its distance) never reported again.
      await list.getByRole('heading', { level: 2, name: '医院和药店的结算' }).click()
      await page.keyboard.press('End')
      await lastRowOf(pages[0]).waitFor({ state: 'attached' })
      await page.keyboard.press('End')
      await lastRowOf(pages[1]).waitFor({ state: 'attached' })
      // A scrollbar drag to the bottom: one jump, one scroll event.
      await scroller(page).evaluate((el) => { el.scrollTop = el.scrollHeight })
      await lastRowOf(pages[2]).waitFor({ state: 'attached' })
      expect(await rows()).toBeGreaterThan(0)
      expect(pageErrors).toEqual([])
      await page.context().close()
    })

    test('a filter: its sheet is a modal dialog; the chosen filter shows once, chosen; the totals; the end of the list', async () => {
      const pageErrors = []
      const institutions = await apiAs('/api/v1/spending/institutions')
      // The institution with the longest name the person went to more than once: the name must not be cut.
      const inst = [...institutions.items].filter((i) => i.count > 1).sort((a, b) => b.name.length - a.name.length)[0]
      const filtered = await apiAs(`/api/v1/spending?limit=20&institution=${inst.code}`)
      expect(filtered.totals.count).toBe(inst.count)
      const { page } = await openSpending(elder, pageErrors)
      const list = scroller(page)

      const opener = list.getByRole('button', { name: '机构：全部医院和药店', exact: true })
      await opener.click()
      const dialog = page.getByRole('dialog', { name: '选择医院或药店' })
      await dialog.getByRole('button', { name: inst.name, exact: true }).waitFor()
      expect(await dialog.getAttribute('aria-modal')).toBe('true')
      // The focus went into the dialog, and the page behind is out of reach.
      expect(await page.evaluate(() => Boolean(globalThis.document.activeElement?.closest('[role="dialog"]')))).toBe(true)
      expect(await list.locator('.spending-list').evaluate((el) => Boolean(el.closest('[inert]')))).toBe(true)
      await dialog.getByRole('button', { name: '全部医院和药店，已选', exact: true }).waitFor()
      for (const b of await dialog.getByRole('button').all()) expect((await b.boundingBox()).height).toBeGreaterThanOrEqual(tapMin)
      await expectAccessible(page)
      await page.screenshot({ path: join(out, `h5-spending-sheet${suffix}.png`) })
      await dialog.getByRole('button', { name: inst.name, exact: true }).click()
      await dialog.waitFor({ state: 'detached' })

      // The button says it once, chosen, and got the focus back; no second copy of the filter elsewhere.
      const chosen = list.getByRole('button', { name: `机构：${inst.name}，已选`, exact: true })
      await chosen.waitFor()
      expect(await page.evaluate(() => globalThis.document.activeElement?.getAttribute('aria-label'))).toBe(`机构：${inst.name}，已选`)
      expect(await list.locator('.filter-bar').getByText(inst.name, { exact: true }).count()).toBe(1)
      // The whole name is shown (it wraps rather than ending in …).
      expect(await chosen.locator('.filter-btn-text').evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && globalThis.getComputedStyle(el).textOverflow !== 'ellipsis')).toBe(true)
      expect((await chosen.boundingBox()).height).toBeGreaterThanOrEqual(tapMin)

      // The totals, as the API counts them, read as words.
      const text = `共 ${filtered.totals.count} 笔，合计 ${yuan(filtered.totals.totalFen)}`
      await list.getByText(text, { exact: true }).waitFor()
      await list.getByText(`共 ${filtered.totals.count} 笔，合计 ${spoken(filtered.totals.totalFen)}`, { exact: true }).waitFor({ state: 'attached' })
      await list.getByRole('button', { name: rowName(filtered.items[0]), exact: true }).waitFor()
      await list.getByRole('button', { name: '清除筛选' }).waitFor()
      // Fewer than a page: the end of the list says so, with no 加载更多.
      expect(filtered.nextCursor).toBeNull()
      await list.getByText('已显示全部消费记录').waitFor()
      expect(await list.getByRole('button', { name: '加载更多' }).count()).toBe(0)
      await page.screenshot({ path: join(out, `h5-spending-list-filtered${suffix}.png`) })
      await expectAccessible(page)
      await expectSizes(page, elder ? 'elder' : 'standard')

      // A second filter on top: the type sheet, chosen by its name; the totals follow.
      const type = filtered.items[0].visitType
      const both = await apiAs(`/api/v1/spending?limit=20&institution=${inst.code}&type=${type}`)
      await list.getByRole('button', { name: '类型：全部类型', exact: true }).click()
      await page.getByRole('dialog', { name: '选择就医类型' }).getByRole('button', { name: filtered.items[0].visitTypeName, exact: true }).click()
      await list.getByRole('button', { name: `类型：${filtered.items[0].visitTypeName}，已选`, exact: true }).waitFor()
      await list.getByText(`共 ${both.totals.count} 笔，合计 ${yuan(both.totals.totalFen)}`, { exact: true }).waitFor()

      // 清除筛选: everything back, no totals.
      await list.getByRole('button', { name: '清除筛选' }).click()
      await list.getByRole('button', { name: '机构：全部医院和药店', exact: true }).waitFor()
      expect(await list.getByText(/^共 \d+ 笔，合计/).count()).toBe(0)
      expect(pageErrors).toEqual([])
      await page.context().close()
    })

    test('a custom time range by keyboard only: labelled date fields a screen reader reads, Tab, arrows and Enter', async () => {
      const pageErrors = []
      const { page } = await openSpending(elder, pageErrors)
      const list = scroller(page)
      const active = () => page.evaluate(() => {
        const el = globalThis.document.activeElement
        return { tag: el?.tagName ?? '', label: el?.getAttribute('aria-label') ?? '', text: el?.textContent ?? '', cls: el?.className ?? '' }
      })
      /** Tab (at most `max` times) until the focused element satisfies `is`. */
      const tabTo = async (is, max = 12) => {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press('Tab')
          if (is(await active())) return
        }
        throw new Error(`Tab never reached it; the focus is on ${JSON.stringify(await active())}`)
      }

      // The time button by Tab from the list's top, opened with Enter.
      await list.getByRole('button', { name: '时间：全部时间', exact: true }).focus()
      await page.keyboard.press('Enter')
      const sheet = page.getByRole('dialog', { name: '选择时间范围' })
      await sheet.waitFor()
      await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
      await tabTo((a) => a.label === '自定义时间段…')
      await page.keyboard.press('Enter')

      // One dialog, two date fields, each named by the words above it.
      const dialog = page.getByRole('dialog', { name: '选择时间段' })
      await dialog.waitFor()
      const from = dialog.getByLabel('开始日期', { exact: true })
      const to = dialog.getByLabel('结束日期', { exact: true })
      await from.waitFor()
      expect(await from.getAttribute('type')).toBe('date')
      await dialog.getByText('开始日期', { exact: true }).waitFor()
      await dialog.getByText('结束日期', { exact: true }).waitFor()
      for (const field of [from, to]) expect((await field.boundingBox()).height).toBeGreaterThanOrEqual(tapMin)
      for (const name of ['确定', '取消']) expect((await dialog.getByRole('button', { name, exact: true }).boundingBox()).height).toBeGreaterThanOrEqual(tapMin)
      await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
      await expectAccessible(page)
      await page.screenshot({ path: join(out, `h5-spending-custom-range${suffix}.png`) })

      // 开始日期 (the first of this month) a year and a month earlier, by arrow keys on its parts. Their order follows
      // the browser's language (year first in Chinese, month first in English): the first ArrowDown shows which.
      const today = await to.inputValue()
      expect(await from.inputValue()).toBe(`${today.slice(0, 7)}-01`)
      await tabTo((a) => a.tag === 'INPUT' && a.cls.includes('custom-range-input--from'))
      await page.keyboard.press('ArrowDown')
      const yearFirst = (await from.inputValue()).slice(0, 4) !== today.slice(0, 4)
      for (const key of yearFirst ? ['ArrowRight', 'ArrowDown'] : ['ArrowRight', 'ArrowRight', 'ArrowDown']) await page.keyboard.press(key)
      const month = Number(today.slice(5, 7))
      const start = `${Number(today.slice(0, 4)) - 1}-${String(month === 1 ? 12 : month - 1).padStart(2, '0')}-01`
      expect(await from.inputValue()).toBe(start)
      // 确定 by Tab and Enter (结束日期 stays today).
      await tabTo((a) => a.text === '确定')
      await page.keyboard.press('Enter')
      await dialog.waitFor({ state: 'detached' })

      // The range applied: the button says it, chosen, and has the focus back; the totals are the API's.
      const label = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日` }
      const name = `时间：${label(start)}至${label(today)}，已选`
      await list.getByRole('button', { name, exact: true }).waitFor()
      await page.waitForFunction((n) => globalThis.document.activeElement?.getAttribute('aria-label') === n, name, { timeout: 5000 })
      const ranged = await apiAs(`/api/v1/spending?limit=20&from=${start}&to=${today}`)
      await list.getByText(`共 ${ranged.totals.count} 笔，合计 ${yuan(ranged.totals.totalFen)}`, { exact: true }).waitFor()
      await list.getByRole('button', { name: rowName(ranged.items[0]), exact: true }).waitFor()
      await page.screenshot({ path: join(out, `h5-spending-list-custom-range${suffix}.png`) })

      // Escape leaves the range as it was.
      await page.keyboard.press('Enter')
      await sheet.waitFor()
      await page.waitForFunction(() => globalThis.document.activeElement?.getAttribute('role') === 'dialog', null, { timeout: 5000 })
      await page.keyboard.press('Escape')
      await sheet.waitFor({ state: 'detached' })
      await list.getByRole('button', { name, exact: true }).waitFor()
      expect(pageErrors).toEqual([])
      await page.context().close()
    })
  })
}
