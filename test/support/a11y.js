// The browser layer's accessibility checks: axe-core's WCAG 2.2 AA rules on the page a person sees (Taro keeps the
// pages behind it in the document, hidden), and 长辈模式 switched on for a fresh context before its first page.
const { AxeBuilder } = require('@axe-core/playwright')

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * axe's serious and critical violations on the current page, one line each ("rule: help — where"), so that a
 * failing test names what to fix. Minor and moderate findings are not failures.
 */
async function seriousViolations (page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`)
}

/** Fails the test with axe's own words when the page has a serious or critical violation. */
async function expectAccessible (page) {
  expect(await seriousViolations(page)).toEqual([])
}

/** 长辈模式 for every page this context opens, as if the person had switched it on from 首页 (remembered choice). */
async function useElderMode (page) {
  await page.addInitScript({ content: "localStorage.setItem('display.elder', 'on')" })
}

/** The page currently shown (Taro H5 keeps earlier pages in the document, hidden). */
function shownPage (page) {
  // A page opened over another leaves that one stationed too, marked taro_page_shade (hidden under it).
  return page.locator('.taro_page_stationed:not(.taro_page_shade)')
}

module.exports = { seriousViolations, expectAccessible, useElderMode, shownPage }

/**
 * What on the shown page is smaller than the floor: text under `minFontPx` CSS px (every visible element with text of
 * its own), and controls (button, link, switch, tab, checkbox, radio roles and inputs) under `minTapPx` in height or
 * width. One line per offender ("text 13px: 数据截至…", "button 32×120: 筛选"), empty when all is well.
 */
async function undersized (page, { minFontPx, minTapPx }) {
  return shownPage(page).evaluate((root, { minFontPx, minTapPx }) => {
    const found = []
    const visible = (el) => {
      const box = el.getBoundingClientRect()
      const style = el.ownerDocument.defaultView.getComputedStyle(el)
      return box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && style.display !== 'none' && !el.closest('[aria-hidden="true"], .sr-only')
    }
    for (const el of root.querySelectorAll('*')) {
      const ownText = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join('')
      if (!ownText || !visible(el)) continue
      const size = parseFloat(el.ownerDocument.defaultView.getComputedStyle(el).fontSize)
      if (size < minFontPx - 0.05) found.push(`text ${size}px: ${ownText.slice(0, 24)}`)
    }
    const controls = root.querySelectorAll('[role="button"], [role="link"], [role="switch"], [role="tab"], [role="checkbox"], [role="radio"], input, textarea')
    for (const el of controls) {
      if (!visible(el)) continue
      const box = el.getBoundingClientRect()
      if (box.height < minTapPx - 0.5 || box.width < minTapPx - 0.5) {
        found.push(`${el.getAttribute('role') || el.tagName.toLowerCase()} ${Math.round(box.height)}×${Math.round(box.width)}: ${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 24)}`)
      }
    }
    return found
  }, { minFontPx, minTapPx })
}

/** The floors of each mode: standard 14 px text and 44 px taps; 长辈模式 18 px text and 48 px taps. */
const FLOORS = { standard: { minFontPx: 14, minTapPx: 44 }, elder: { minFontPx: 18, minTapPx: 48 } }

/** Fails with the offenders when the shown page has text or controls under the mode's floor. */
async function expectSizes (page, mode) {
  expect(await undersized(page, FLOORS[mode])).toEqual([])
}

module.exports.undersized = undersized
module.exports.expectSizes = expectSizes
module.exports.FLOORS = FLOORS
