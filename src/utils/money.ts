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
 * The same amount as a screen reader should say it: `723 元 17 分`, `1234 元`, `负 12 元 30 分` (a reader spells
 * `¥856.19` out symbol by symbol, or reads the decimals as a number).
 */
export function spokenFen (fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`金额必须是整数分：${fen}`)
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  const words = cents === 0 ? `${yuan} 元` : yuan === 0 ? `${cents} 分` : `${yuan} 元 ${cents} 分`
  return fen < 0 ? `负 ${words}` : words
}
