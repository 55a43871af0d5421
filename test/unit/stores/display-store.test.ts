// 长辈模式: the platform's text size decides until the person chooses; the choice is remembered and then wins.
import { DisplayStore, LARGE_FONT_PX } from '../../../src/stores/display-store'
import type { SecureStorage } from '../../../src/platform/types'

function memoryPreferences (initial: Record<string, string> = {}): SecureStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => { data.set(key, value) },
    remove: async (key) => { data.delete(key) },
  }
}

test('a large platform text size switches it on from the first frame; a standard one does not', () => {
  expect(new DisplayStore(memoryPreferences(), () => LARGE_FONT_PX).elder).toBe(true)
  expect(new DisplayStore(memoryPreferences(), () => 23.8).elder).toBe(true)
  expect(new DisplayStore(memoryPreferences(), () => 17).elder).toBe(false)
  expect(new DisplayStore(memoryPreferences(), () => null).elder).toBe(false)
})

test('the person\'s choice is stored and wins over the platform on the next start', async () => {
  const prefs = memoryPreferences()
  const first = new DisplayStore(prefs, () => 24)
  await first.restore()
  expect(first.elder).toBe(true)
  expect(first.chosen).toBe(false)
  await first.setElder(false)
  expect(prefs.data.get('display.elder')).toBe('off')

  const next = new DisplayStore(prefs, () => 24)
  await next.restore()
  expect(next.elder).toBe(false)
  expect(next.chosen).toBe(true)

  await next.setElder(true)
  const third = new DisplayStore(prefs, () => 16)
  await third.restore()
  expect(third.elder).toBe(true)
})

test('an unreadable stored value leaves the platform\'s decision', async () => {
  const store = new DisplayStore(memoryPreferences({ 'display.elder': 'maybe' }), () => 16)
  await store.restore()
  expect(store.elder).toBe(false)
  expect(store.chosen).toBe(false)
})
