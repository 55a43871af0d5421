// Money as every page must show it (¥, thousands, two decimals), computed independently of src/utils for the
// end-to-end layers to compare against.
const yuan = (fen) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

module.exports = { yuan }
