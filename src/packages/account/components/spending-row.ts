// The height of one 消费记录 row: the one figure shared by the list's window arithmetic (SpendingList), the Taro rows
// (SpendingChunk.scss reads it as `$spending-row-height`, from config/sass-variables.ts) and WeChat's native rows
// (spending-chunk/index.js puts it in each row's style). Rows of any other height would put the window beside what is
// on screen. 长辈模式's larger type needs taller rows (and two lines for a long name), so there are two figures,
// picked by the mode. The figures themselves are in spending-row.json: the build configuration reads it too, and
// loads no TypeScript from src/.
import figures from './spending-row.json'

/** In design px of the 750-wide canvas, which WeChat draws as rpx. */
export const SPENDING_ROW_RPX: number = figures.heightRpx

/** The same in 长辈模式. */
export const SPENDING_ROW_ELDER_RPX: number = figures.elderHeightRpx

/** The row height of the mode, in design px. */
export function spendingRowRpx (elder: boolean): number {
  return elder ? SPENDING_ROW_ELDER_RPX : SPENDING_ROW_RPX
}
