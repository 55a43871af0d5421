// Money display: integer fen in, `¥1,234.56` out; the only place that turns fen into text.

/** Formats integer fen as yuan with ¥, thousands separators and two decimals (`-¥12.30` when negative). */
export function formatFen (fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`金额必须是整数分：${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  // Integer arithmetic only: floats would round 1.005-style amounts the wrong way.
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${grouped}.${String(cents).padStart(2, '0')}`
}
