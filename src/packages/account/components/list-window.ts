// The window arithmetic of 消费记录's list: which chunks (one per server page) draw their rows for a scroll position,
// and how tall the spacers standing in for the others are. Pure, so that it is tested without a renderer.

/** A chunk as the window sees it: only its number of rows matters, every row being `rowPx` high. */
export type Chunk = { readonly length: number }

/**
 * The first and last chunk that meet [top − one screen, top + two screens] of the list's own coordinates (`listTop`:
 * the scroll position measured from where the list starts); `[0, -1]` when none does.
 */
export function chunkWindow (chunks: readonly Chunk[], rowPx: number, viewportPx: number, listTop: number): [number, number] {
  const from = listTop - viewportPx
  const to = listTop + 2 * viewportPx
  let first = -1
  let last = -1
  let y = 0
  for (let i = 0; i < chunks.length; i++) {
    const end = y + chunks[i]!.length * rowPx
    if (end >= from && y <= to) {
      if (first < 0) first = i
      last = i
    } else if (y > to) break
    y = end
  }
  return first < 0 ? [0, -1] : [first, last]
}

/** The heights of the rows before chunk `first` and after chunk `last`, which the list keeps as two spacers. */
export function spacerHeights (chunks: readonly Chunk[], rowPx: number, first: number, last: number): { above: number, below: number } {
  let above = 0
  let below = 0
  chunks.forEach((rows, i) => {
    if (i < first) above += rows.length * rowPx
    else if (i > last) below += rows.length * rowPx
  })
  return { above, below }
}
