// 消费记录's list: one chunk per server page, and only the chunks around the scroll position draw their rows; the
// others keep their height through two spacers. Rows have one fixed height, so where each chunk sits is arithmetic,
// and the window moves only when the scroll position reaches another chunk (a re-render, not one per scroll event).
// The same arithmetic says when the list's end is near, on every scroll however the person got there.
import { memo, useCallback, useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { usePageScroll } from '@tarojs/taro'
import type { SpendingRow } from '../stores/spending-store'
import SpendingChunk from './SpendingChunk'
import { chunkWindow, spacerHeights } from './list-window'
import { spendingRowRpx } from './spending-row'

interface SpendingListProps {
  pages: ReadonlyArray<readonly SpendingRow[]>
  /** 长辈模式: the taller rows of spending-row.json. */
  elder: boolean
  onOpen: (id: number) => void
  /** The end of the rows is less than a screen below the bottom of the view: time for the next page. */
  onNearEnd: () => void
}

function windowSize () {
  const info = Taro.getWindowInfo?.() ?? { windowWidth: 375, windowHeight: 667 }
  return { widthPx: info.windowWidth || 375, viewportPx: info.windowHeight || 667 }
}

function SpendingList ({ pages, elder, onOpen, onNearEnd }: SpendingListProps) {
  const [{ widthPx, viewportPx }] = useState(windowSize)
  const rowPx = spendingRowRpx(elder) * widthPx / 750
  // The list-relative scroll position at the last window move: state changes only when another chunk is reached.
  const [position, setPosition] = useState(0)
  const [first, last] = chunkWindow(pages, rowPx, viewportPx, position)
  const shown = `${first}:${last}`
  // What the scroll handler reads: the page scroll, where the list starts (measured once), the rows, the window.
  const live = useRef({ top: 0, offset: 0, measured: false, pages, shown, onNearEnd })
  useEffect(() => { live.current.pages = pages; live.current.shown = shown; live.current.onNearEnd = onNearEnd })

  const move = useCallback(() => {
    const now = live.current
    const at = Math.max(0, now.top - now.offset)
    const [f, l] = chunkWindow(now.pages, rowPx, viewportPx, at)
    if (`${f}:${l}` !== now.shown) { now.shown = `${f}:${l}`; setPosition(at) }
    // Taro's onReachBottom fires once and waits for a scroll event above its distance before it fires again, so a
    // jump straight to the bottom after an append (End, a scrollbar drag, a fling) never reached the next page.
    // Here every scroll event asks: the caller ignores it while a page is on its way.
    const rows = now.pages.reduce((n, page) => n + page.length, 0)
    if (now.measured && rows && at + 2 * viewportPx >= rows * rowPx) now.onNearEnd()
  }, [rowPx, viewportPx])

  usePageScroll(({ scrollTop }) => { live.current.top = scrollTop; move() })
  // A page appended while the person waits at the bottom must be drawn without another scroll.
  useEffect(() => { move() }, [pages, move])

  const hasRows = pages.length > 0
  useEffect(() => {
    if (!hasRows) return
    Taro.createSelectorQuery().select('.spending-list').boundingClientRect().selectViewport().scrollOffset().exec((answer) => {
      const [rect, viewport] = (answer ?? []) as Array<{ top?: number, scrollTop?: number } | null>
      if (rect?.top == null) return
      live.current.offset = rect.top + (viewport?.scrollTop ?? 0)
      live.current.measured = true
      move()
    })
  }, [hasRows, move])

  const { above, below } = spacerHeights(pages, rowPx, first, last)
  return (
    <View className='spending-list'>
      <View className='list-spacer' style={{ height: `${Math.round(above)}px` }} />
      {/* The chunks in a parent of their own: a new one is appended at its end (one key), where inserting it before
          the bottom spacer made Taro re-send the list's children (bench:setdata). */}
      <View className='list-chunks'>
        {pages.map((rows, i) => <SpendingChunk key={i} rows={rows} visible={i >= first && i <= last} elder={elder} onOpen={onOpen} />)}
      </View>
      <View className='list-spacer' style={{ height: `${Math.round(below)}px` }} />
    </View>
  )
}

export default memo(SpendingList)
