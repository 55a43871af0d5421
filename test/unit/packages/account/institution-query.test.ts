// 消费记录 and 报销进度 opened from a hospital's page (?institution=<code>&name=<name>): the institution filter is set
// before the first load, named in its chip, and reaches the claims query; a malformed code is ignored.
import { presetInstitution } from '../../../../src/packages/account/list-page'
import { ListFilters } from '../../../../src/packages/account/stores/list-filters'
import { ClaimsStore } from '../../../../src/packages/account/stores/claims-store'
import type { ClaimsApi } from '../../../../src/services/api/claims'

const now = () => Date.parse('2026-11-21T04:00:00.000Z')

it('sets the institution with its name, decoded, as the chip reads it', () => {
  const filters = new ListFilters(now)
  presetInstitution(filters, { institution: 'H31010400001', name: encodeURIComponent('上海市第六人民医院') })
  expect(filters.query).toEqual({ institution: 'H31010400001' })
  expect(filters.chips).toEqual([{ key: 'institution', label: '上海市第六人民医院' }])
  // Already decoded by the platform: kept as it is.
  presetInstitution(filters, { institution: 'P44010600003', name: '大药房' })
  expect(filters.chips).toEqual([{ key: 'institution', label: '大药房' }])
})

it('ignores a missing or malformed code, and names a nameless one by its code', () => {
  const filters = new ListFilters(now)
  presetInstitution(filters, {})
  presetInstitution(filters, { institution: "1' OR '1'='1", name: 'x' })
  presetInstitution(filters, { institution: 'h31010400001' })
  expect(filters.active).toBe(false)
  presetInstitution(filters, { institution: 'H31010400001', name: '%E0%A4%A' })
  expect(filters.chips[0]!.label).toBe('%E0%A4%A')
  presetInstitution(filters, { institution: 'H31010400001', name: '  ' })
  expect(filters.chips[0]!.label).toBe('H31010400001')
})

it('the claims list asks for that institution only', async () => {
  const asked: unknown[] = []
  const api: ClaimsApi = {
    list: async (query) => { asked.push(query); return { items: [], nextCursor: null } as unknown as Awaited<ReturnType<ClaimsApi['list']>> },
    get: async () => { throw new Error('not used') },
    subscribe: async () => { throw new Error('not used') },
  }
  const store = new ClaimsStore(api, now)
  presetInstitution(store.filters, { institution: 'H31010400001', name: '上海市第六人民医院' })
  store.start()
  await store.list.ensureLoaded()
  expect(asked).toEqual([{ institution: 'H31010400001', limit: 20 }])
  store.dispose()
})
