// Where setData bytes go: JSON bytes by the field they belong to, by top-level key pattern, by component; and the
// row objects a payload carries.
const sum = (a) => a.reduce((x, y) => x + y, 0)
const mean = (a) => (a.length ? sum(a) / a.length : 0)

const isRowObject = (v) => v && typeof v === 'object' && !Array.isArray(v) && 'inst' in v && 'total' in v && 'id' in v
/** Row objects found anywhere in a setData payload, by id (first seen). */
function captureRows (data, into) {
  const visit = (v) => {
    if (!v || typeof v !== 'object') return
    if (isRowObject(v)) { if (!into.has(v.id)) into.set(v.id, { ...v }); return }
    for (const k of Object.keys(v)) visit(v[k])
  }
  visit(data)
}

const lastName = (key) => {
  const parts = key.split('.')
  const last = parts.pop() || key
  if (/^\[\d+\]$/.test(last)) return `${parts.pop() || ''}[]`
  return last.replace(/\[\d+\]$/, '[]')
}
/** Bytes per field name (a payload's JSON split by the property each part belongs to), path keys apart. */
function attribute (data, acc) {
  const add = (k, n) => { acc[k] = (acc[k] || 0) + n }
  const len = (v) => Buffer.byteLength(JSON.stringify(v) ?? 'null')
  const walk = (name, v) => {
    if (v === null || typeof v !== 'object') return add(name, len(v))
    if (Array.isArray(v)) {
      add(name, 2 + Math.max(0, v.length - 1))
      for (const x of v) walk(name, x)
      return
    }
    const keys = Object.keys(v)
    add(name, 2 + Math.max(0, keys.length - 1))
    for (const k of keys) { add(k, len(k) + 1); walk(k, v[k]) }
  }
  const keys = Object.keys(data)
  add('{} ,', 2 + Math.max(0, keys.length - 1))
  for (const k of keys) { add('(path keys)', len(k) + 1); walk(lastName(k), data[k]) }
}
/** Bytes per top-level key pattern (the last index as #) and per component. */
function byKey (entries) {
  const keys = {}; const labels = {}; const fields = {}
  for (const e of entries) {
    labels[e.label] = (labels[e.label] || 0) + e.bytes
    if (!e.data) continue
    for (const [k, v] of Object.entries(e.data)) {
      const pattern = k.replace(/\[\d+\](?=[^[]*$)/, '[#]') // the last index only: the rest says where on the page
      keys[pattern] = (keys[pattern] || 0) + Buffer.byteLength(JSON.stringify(k)) + 1 + Buffer.byteLength(JSON.stringify(v) ?? 'null')
    }
    attribute(e.data, fields)
  }
  return { keys, labels, fields }
}
const top = (obj, n = 8) => Object.entries(obj).sort((a, b) => b[1] - a[1]).slice(0, n)


module.exports = { sum, mean, byKey, top, captureRows, attribute }
