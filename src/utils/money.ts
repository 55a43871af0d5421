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

/**
 * An amount as a screen reader should say it: `723 元 17 分`, `12 元`, `0 元`, `负 5 元 30 分` (a formatted `¥723.17`
 * split over several text nodes is read as pieces, or the ¥ as "yen").
 */
export function spokenFen (fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`金额必须是整数分：${fen}`)
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${fen < 0 ? '负 ' : ''}${yuan} 元${cents ? ` ${cents} 分` : ''}`
}
