// 消费记录's window arithmetic: which chunks draw their rows for a scroll position, and the spacers for the rest.
// The figures are a 375-wide phone: rows of 88 px (176 design px), a 667 px screen, chunks of 20 rows (1,760 px).
import { chunkWindow, spacerHeights } from '../../../../../src/packages/account/components/list-window'

const ROW = 88
const SCREEN = 667
const CHUNK = 20 * ROW
const chunks = (...sizes: number[]) => sizes.map((length) => ({ length }))
const ten = chunks(...Array<number>(10).fill(20))

it('draws nothing for an empty list, and keeps no spacer', () => {
  expect(chunkWindow([], ROW, SCREEN, 0)).toEqual([0, -1])
  expect(spacerHeights([], ROW, 0, -1)).toEqual({ above: 0, below: 0 })
})

it('draws the chunks that meet one screen above to two screens below the scroll position', () => {
  // At the top: [−667, 1334] meets only the first chunk (0–1760).
  expect(chunkWindow(ten, ROW, SCREEN, 0)).toEqual([0, 0])
  // 1,000 px down: [333, 2334] reaches into the second chunk (1760–3520).
  expect(chunkWindow(ten, ROW, SCREEN, 1000)).toEqual([0, 1])
  // 10,000 px down: [9333, 11334] meets the sixth (8800–10560) and the seventh (10560–12320).
  expect(chunkWindow(ten, ROW, SCREEN, 10_000)).toEqual([5, 6])
  // The last screen (16,933 px down): [16266, 18267] meets the last chunk (15840–17600) alone.
  expect(chunkWindow(ten, ROW, SCREEN, 10 * CHUNK - SCREEN)).toEqual([9, 9])
})

it('moves only when an edge of the range crosses a chunk boundary, which is what lets the list re-render rarely', () => {
  // The range's bottom edge (top + 1334) reaches the second chunk at 1760, so at 426 px.
  for (const top of [0, 100, 425]) expect(chunkWindow(ten, ROW, SCREEN, top)).toEqual([0, 0])
  expect(chunkWindow(ten, ROW, SCREEN, 426)).toEqual([0, 1])
  // Chunks that only touch the range count: one ending at its top edge, one starting at its bottom edge.
  expect(chunkWindow(ten, ROW, SCREEN, CHUNK + SCREEN)).toEqual([0, 2])
  expect(chunkWindow(ten, ROW, SCREEN, CHUNK + SCREEN + 1)).toEqual([1, 2])
  expect(chunkWindow(ten, ROW, SCREEN, 2 * CHUNK - 2 * SCREEN)).toEqual([0, 2])
  expect(chunkWindow(ten, ROW, SCREEN, 2 * CHUNK - 2 * SCREEN - 1)).toEqual([0, 1])
})

it('places chunks of any length by their rows, as a short last page or a filtered one has', () => {
  const uneven = chunks(20, 20, 7, 0, 20)
  // 3,520 px down: [2853, 4854] meets the second (1760–3520), the short third (3520–4136), the empty fourth and the
  // fifth (4136–5896).
  expect(chunkWindow(uneven, ROW, SCREEN, 3520)).toEqual([1, 4])
  expect(spacerHeights(uneven, ROW, 1, 4)).toEqual({ above: CHUNK, below: 0 })
})

it('gives the rows outside the window to the spacers, so that the list keeps its full height', () => {
  const [first, last] = chunkWindow(ten, ROW, SCREEN, 10_000)
  const { above, below } = spacerHeights(ten, ROW, first, last)
  expect({ above, below }).toEqual({ above: 5 * CHUNK, below: 3 * CHUNK })
  expect(above + (last - first + 1) * CHUNK + below).toBe(10 * CHUNK)
})

it('draws nothing once the position is past the end, the whole list then standing below as one spacer', () => {
  const three = chunks(20, 20, 20)
  expect(chunkWindow(three, ROW, SCREEN, 3 * CHUNK + SCREEN + 1)).toEqual([0, -1])
  expect(spacerHeights(three, ROW, 0, -1)).toEqual({ above: 0, below: 3 * CHUNK })
})
