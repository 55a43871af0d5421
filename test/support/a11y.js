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
  return page.locator('.taro_page_stationed')
}

module.exports = { seriousViolations, expectAccessible, useElderMode, shownPage }
