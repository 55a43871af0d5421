// The height of one 消费记录 row: the one figure shared by the list's window arithmetic (SpendingList), the Taro rows
// (SpendingChunk.scss reads it as `$spending-row-height`, which config/index.ts hands to Sass) and WeChat's native rows
// (spending-chunk/index.js puts it in each row's style). Rows of any other height would put the window beside what is
// on screen. Kept free of imports: the Taro config and the native component load it as well.

/** In design px of the 750-wide canvas, which WeChat draws as rpx. */
export const SPENDING_ROW_RPX = 176

/** The same figure for the Taro stylesheets: Sass code that config/index.ts puts before each of them (a function,
 * so that the bundles, which never call it, drop it). */
export function spendingRowSass (): string {
  return `$spending-row-height: ${SPENDING_ROW_RPX}px;`
}
