// 消费记录's row is written twice: as Taro views for H5 and Alipay (SpendingChunk.tsx) and as WeChat's native
// component (spending-chunk/, drawn here from its source under miniprogram-simulate). Drawn from the same rows, both
// show the same fields in the same nodes with the same classes (which the one set of row styles depends on), open the
// same settlement on a tap, and take their height from spending-row.ts alone.
import fs from 'node:fs'
import path from 'node:path'
import type { ComponentProps } from 'react'
import { act, cleanup, fireEvent, render } from '@testing-library/react'
import { compileString } from 'sass'
import SpendingChunk from '../../../../../src/packages/account/components/SpendingChunk'
import { SPENDING_ROW_ELDER_RPX, SPENDING_ROW_RPX } from '../../../../../src/packages/account/components/spending-row'
import { sassVariables } from '../../../../../config/sass-variables'

type Row = ComponentProps<typeof SpendingChunk>['rows'][number]

// What this test uses of miniprogram-simulate, typed here: its own typings declare WeChat's globals (`wx`, `require`,
// `Component`) for every file the type check sees.
interface SimulatedNode { dom: Element, dispatchEvent (name: string): void }
interface SimulatedComponent {
  attach (parent: Element): void
  setData (data: object): void
  querySelectorAll (selector: string): SimulatedNode[]
  addEventListener (name: string, handler: (event: { detail: unknown }) => void): void
}
interface Simulate {
  load (componentPath: string, tagName: string): string
  render (id: string, properties: object): SimulatedComponent
  sleep (ms: number): Promise<void>
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate

const components = path.resolve(__dirname, '../../../../../src/packages/account/components')
const NATIVE_TAG = 'spending-chunk'
const nativeChunk = simulate.load(path.join(components, 'spending-chunk/index'), NATIVE_TAG)

/** One row of each kind the store prepares: an unusual charge, one being checked, one paid for family, a plain one. */
const rows: Row[] = [
  { id: 31, inst: '上海市第六人民医院', total: '¥1,286.40', time: '11月20日 14:30', type: '门诊', tag: '请留意', tagCls: 'tag--warn', pay: '统筹 ¥900.00 · 个人账户 ¥386.40', cls: 'row--flag', label: '2026年11月20日 上海市第六人民医院 门诊 支出 1286 元 40 分，请留意' },
  { id: 30, inst: '益丰大药房（徐汇店）', total: '¥58.00', time: '11月18日 09:05', type: '药店', tag: '核实中', tagCls: 'tag--dispute', pay: '个人账户 ¥58.00', cls: '', label: '2026年11月18日 益丰大药房（徐汇店） 药店 支出 58 元，核实中' },
  { id: 29, inst: '复旦大学附属儿科医院', total: '¥240.00', time: '11月12日 16:20', type: '门诊', tag: '为女儿支付', tagCls: 'tag--aid', pay: '女儿 王*：共济 ¥240.00', cls: '', label: '2026年11月12日 复旦大学附属儿科医院 门诊 支出 240 元，为女儿支付' },
  { id: 28, inst: '上海市徐汇区中心医院', total: '¥12.50', time: '11月02日 10:00', type: '门诊', tag: '', tagCls: '', pay: '自付 ¥12.50', cls: '', label: '2026年11月2日 上海市徐汇区中心医院 门诊 支出 12 元 50 分' },
]

/** What a node shows: view or text, its classes (the native ones without simulate's component prefix), its text. */
interface Shape { node: 'view' | 'text', classes: string[], text?: string, children?: Shape[] }

function shape (el: Element, prefix = ''): Shape {
  const tag = el.tagName.toLowerCase()
  const node = tag === 'div' || tag === 'wx-view' ? 'view' : tag === 'span' || tag === 'wx-text' ? 'text' : null
  if (!node) throw new Error(`unexpected <${tag}> in a row`)
  const classes = [...el.classList].map((c) => c.startsWith(prefix) ? c.slice(prefix.length) : c)
  const children = [...el.children].map((child) => shape(child, prefix))
  return children.length ? { node, classes, children } : { node, classes, text: el.textContent ?? '' }
}

function drawTaro (visible = true, elder = false) {
  const onOpen = jest.fn()
  const { container } = render(<SpendingChunk rows={rows} visible={visible} elder={elder} onOpen={onOpen} />)
  return { rows: [...container.children], onOpen }
}

function drawNative (visible = true, elder = false) {
  const chunk = simulate.render(nativeChunk, { rows, visible, elder })
  chunk.attach(document.createElement('parent-wrapper'))
  const opened: unknown[] = []
  chunk.addEventListener('open', (event) => opened.push(event.detail))
  return { chunk, rows: chunk.querySelectorAll('.row').map((row) => row.dom), opened }
}

afterEach(cleanup)

it('draws every row with the same fields, nodes and classes both ways', () => {
  const taro = drawTaro().rows.map((el) => shape(el))
  const native = drawNative().rows.map((el) => shape(el, `${NATIVE_TAG}--`))
  expect(native).toEqual(taro)
  expect(taro).toHaveLength(rows.length)
  // What a row shows, spelled out once: the institution and total, the time and visit type with the tag, the payment.
  expect(taro[0]).toEqual({
    node: 'view',
    classes: ['row', 'row--flag'],
    children: [
      { node: 'text', classes: ['sr-only'], text: rows[0]!.label },
      { node: 'view', classes: ['row-line', 'row-line--top'], children: [{ node: 'text', classes: ['inst'], text: '上海市第六人民医院' }, { node: 'text', classes: ['total'], text: '¥1,286.40' }] },
      { node: 'view', classes: ['row-line'], children: [{ node: 'text', classes: ['time'], text: '11月20日 14:30 · 门诊' }, { node: 'text', classes: ['tag', 'tag--warn'], text: '请留意' }] },
      { node: 'text', classes: ['pay'], text: '统筹 ¥900.00 · 个人账户 ¥386.40' },
    ],
  })
  // A row without a tag has no tag node at all, in either markup.
  expect(taro[3]!.children![2]!.children!.map((c) => c.classes)).toEqual([['time']])
})

it('carries each settlement id on its row, and a tap opens that settlement both ways', async () => {
  const taro = drawTaro()
  const native = drawNative()
  expect(native.rows.map((el) => el.getAttribute('data-id'))).toEqual(taro.rows.map((el) => el.getAttribute('data-id')))

  fireEvent.click(taro.rows[2]!)
  expect(taro.onOpen).toHaveBeenCalledWith(29)
  native.chunk.querySelectorAll('.row')[2]!.dispatchEvent('tap')
  // The native tap reaches the component's handler a tick later, as WeChat delivers it.
  await act(() => simulate.sleep(10))
  expect(native.opened).toEqual([{ id: 29 }])
})

it('draws nothing while its chunk is outside the window, and keeps its rows for when it returns', () => {
  expect(drawTaro(false).rows).toEqual([])
  const native = drawNative(false)
  expect(native.rows).toEqual([])
  native.chunk.setData({ visible: true })
  expect(native.chunk.querySelectorAll('.row')).toHaveLength(rows.length)
})

it('takes the row height from spending-row.ts on both sides, and from nowhere else', () => {
  // Native: each row's style (simulate writes rpx as px).
  for (const el of drawNative().rows) expect(el.getAttribute('style')).toMatch(new RegExp(`^height: ?${SPENDING_ROW_RPX}(rpx|px);?$`))
  const wxss = fs.readFileSync(path.join(components, 'spending-chunk/index.wxss'), 'utf8')
  expect(wxss).not.toMatch(/(^|[^-])height\s*:/m)

  // Taro: the stylesheet compiled as the build compiles it, with the Sass variable put first.
  const scss = fs.readFileSync(path.join(components, 'SpendingChunk.scss'), 'utf8')
  const css = compileString(`${sassVariables()}\n${scss}`).css
  expect(css).toMatch(new RegExp(`\\.spending-list \\.row \\{[^}]*\\bheight: ${SPENDING_ROW_RPX}px;`))
  // …which it must be given: the stylesheet has no height of its own.
  expect(() => compileString(scss)).toThrow(/Undefined variable/)
})

it('长辈模式: taller rows from spending-row.ts on both sides, with the same nodes', () => {
  expect(SPENDING_ROW_ELDER_RPX).toBeGreaterThan(SPENDING_ROW_RPX)
  const taro = drawTaro(true, true).rows
  const native = drawNative(true, true).rows
  expect(native.map((el) => shape(el, `${NATIVE_TAG}--`))).toEqual(taro.map((el) => shape(el)))
  for (const el of taro) expect(el.classList.contains('row--elder')).toBe(true)
  for (const el of native) expect(el.getAttribute('style')).toMatch(new RegExp(`^height: ?${SPENDING_ROW_ELDER_RPX}(rpx|px);?$`))
  const scss = fs.readFileSync(path.join(components, 'SpendingChunk.scss'), 'utf8')
  const css = compileString(`${sassVariables()}\n${scss}`).css
  expect(css).toMatch(new RegExp(`\\.spending-list \\.row--elder \\{[^}]*\\bheight: ${SPENDING_ROW_ELDER_RPX}px;`))
})

it('each row is a button named by date, place, kind and amount in words (H5 role; the native markup the same attributes)', () => {
  const taro = drawTaro().rows
  // Named by its words for the ear (its content: the visible lines are hidden from the reader), not by aria-label,
  // which axe wants to contain the visible text.
  expect(taro.map((el) => [el.getAttribute('role'), el.querySelector('.sr-only')?.textContent])).toEqual(rows.map((r) => ['button', r.label]))
  for (const el of taro) expect([...el.children].slice(1).map((c) => c.getAttribute('aria-hidden'))).toEqual(['true', 'true', 'true'])
  // H5 reaches a row with Tab and opens it with Enter.
  expect(taro[0]!.getAttribute('tabindex')).toBe('0')
  const wxml = fs.readFileSync(path.join(components, 'spending-chunk/index.wxml'), 'utf8')
  expect(wxml).toContain('aria-role="button" aria-label="{{item.label}}"><text class="sr-only">{{item.label}}</text>')
})
