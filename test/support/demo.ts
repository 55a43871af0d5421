// Facts about demo person n for the server tests, with the masks the server must apply.
import { DEMO_PERSONS, type DemoPersonFacts } from '../../server/demo/generator'
import { maskName } from '../../server/domain/mask'
import { regionName } from '../../server/domain/regions'

export function demoPerson (n: number): DemoPersonFacts & { maskedName: string; regionName: string } {
  const p = DEMO_PERSONS.find((d) => d.n === n)
  if (!p) throw new Error(`no demo person ${n}`)
  const region = regionName(p.regionCode)
  if (!region) throw new Error(`no region name for ${p.regionCode}`)
  return { ...p, maskedName: maskName(p.name), regionName: region }
}
