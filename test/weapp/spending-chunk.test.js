// Compiled weapp layer, one component alone: 消费记录's native `spending-chunk` as the build ships it, loaded into
// miniprogram-simulate without the app around it. It is given one page of display-ready rows and whether its chunk is
// inside the list's window; it draws those rows and raises `open` with a row's id on a tap.
const path = require('node:path')
const simulate = require('miniprogram-simulate')
const { distDir } = require('../support/dist')

const root = distDir('weapp')

// The built component is a webpack chunk of the account subpackage: the runtime that app.js would have loaded first
// takes it and the subpackage's shared modules (where the row height module lands).
global.wx = {}
require(path.join(root, 'runtime.js'))
const chunk = simulate.load(path.join(root, 'packages/account/components/spending-chunk/index'), 'spending-chunk', { rootPath: root })

const { heightRpx } = require('../../src/packages/account/components/spending-row.json')

const flagged = { id: 31, inst: '上海市第六人民医院', total: '¥1,286.40', time: '11月20日 14:30', type: '门诊', tag: '请留意', tagCls: 'tag--warn', pay: '统筹 ¥900.00 · 个人账户 ¥386.40', cls: 'row--flag' }
const plain = { id: 28, inst: '上海市徐汇区中心医院', total: '¥12.50', time: '11月02日 10:00', type: '门诊', tag: '', tagCls: '', pay: '自付 ¥12.50', cls: '' }

function draw (properties) {
  const comp = simulate.render(chunk, properties)
  comp.attach(document.createElement('parent-wrapper'))
  const opened = []
  comp.addEventListener('open', (event) => opened.push(event.detail))
  return { comp, opened, rows: () => comp.querySelectorAll('.row') }
}
// A node inside a drawn row, by its class as written in the component (simulate prefixes it with the tag).
const field = (row, cls) => row.dom.querySelector(`[class~="spending-chunk--${cls}"]`)
const textOf = (row, cls) => field(row, cls)?.textContent

test('draws one row per item, in order, each showing its fields', () => {
  const { rows } = draw({ rows: [flagged, plain], visible: true })
  expect(rows().map((r) => r.dom.getAttribute('data-id'))).toEqual(['31', '28'])

  const [first, second] = rows()
  expect(textOf(first, 'inst')).toBe('上海市第六人民医院')
  expect(textOf(first, 'total')).toBe('¥1,286.40')
  expect(textOf(first, 'time')).toBe('11月20日 14:30 · 门诊')
  expect(textOf(first, 'tag')).toBe('请留意')
  expect(textOf(first, 'pay')).toBe('统筹 ¥900.00 · 个人账户 ¥386.40')
  // The modifier classes come from the row: the flag on the row, the tag's colour on the tag (prefixed by simulate).
  expect(first.dom.className).toBe('spending-chunk--row spending-chunk--row--flag')
  expect(field(first, 'tag').className).toBe('spending-chunk--tag spending-chunk--tag--warn')
  // No tag, no tag node; a plain row has no modifier.
  expect(field(second, 'tag')).toBeNull()
  expect(second.dom.className).toBe('spending-chunk--row')
})

test('gives every row the height from spending-row.json, which the list windows by', () => {
  const { rows } = draw({ rows: [flagged, plain], visible: true })
  // simulate writes rpx as px in a style.
  for (const row of rows()) expect(row.dom.getAttribute('style')).toMatch(new RegExp(`^height: ?${heightRpx}(rpx|px);?$`))
})

test('draws nothing outside the window, and draws the rows it kept once visible again', () => {
  const { comp, rows } = draw({ rows: [flagged, plain], visible: false })
  expect(rows()).toHaveLength(0)
  comp.setData({ visible: true })
  expect(rows().map((r) => r.dom.getAttribute('data-id'))).toEqual(['31', '28'])
  comp.setData({ visible: false })
  expect(rows()).toHaveLength(0)
})

test('redraws a row given again with new values (a dispute opened from the detail page)', () => {
  const { comp, rows } = draw({ rows: [flagged, plain], visible: true })
  comp.setData({ rows: [{ ...flagged, tag: '核实中', tagCls: 'tag--dispute', cls: '' }, plain] })
  const [first] = rows()
  expect(textOf(first, 'tag')).toBe('核实中')
  expect(field(first, 'tag').className).toBe('spending-chunk--tag spending-chunk--tag--dispute')
  expect(first.dom.className).toBe('spending-chunk--row')
})

test('raises open with the tapped row\'s id', async () => {
  const { opened, rows } = draw({ rows: [flagged, plain], visible: true })
  rows()[1].dispatchEvent('tap')
  await simulate.sleep(10)
  rows()[0].dispatchEvent('tap')
  await simulate.sleep(10)
  expect(opened).toEqual([{ id: 28 }, { id: 31 }])
})
