// WeChat's sitemap (src/sitemap.json, named by app.config for the weapp build only): every page of a person's own
// data, every share page and the privacy settings are kept out of WeChat search; 首页 is not; the catch-all allow comes last.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

type AppConfig = { pages: string[], subPackages: Array<{ root: string, pages: string[] }>, sitemapLocation?: string }
type Sitemap = { rules: Array<{ action: 'allow' | 'disallow', page: string }> }

type TaroEnv = typeof process.env.TARO_ENV

function appConfig (env: TaroEnv): AppConfig {
  const before = process.env.TARO_ENV
  process.env.TARO_ENV = env
  try {
    let config!: AppConfig
    // The config reads TARO_ENV when it is evaluated: a fresh copy for each build.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => { config = require('../../src/app.config').default })
    return config
  } finally {
    process.env.TARO_ENV = before
  }
}

const sitemap: Sitemap = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'sitemap.json'), 'utf8'))
const disallowed = new Set(sitemap.rules.filter((r) => r.action === 'disallow').map((r) => r.page))

it('is named in the weapp build only', () => {
  expect(appConfig('weapp').sitemapLocation).toBe('sitemap.json')
  expect(appConfig('alipay').sitemapLocation).toBeUndefined()
  expect(appConfig('h5').sitemapLocation).toBeUndefined()
})

it('disallows every personal and shared page, and only pages that exist', () => {
  const config = appConfig('weapp')
  const personal = config.subPackages
    .filter((p) => ['packages/account', 'packages/verify', 'packages/share', 'packages/settings'].includes(p.root))
    .flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))
  expect(personal).toEqual(expect.arrayContaining(['packages/share/pages/view/index', 'packages/share/pages/mine/index', 'packages/share/pages/create/index']))
  expect([...disallowed].sort()).toEqual([...personal].sort())
  expect(disallowed.has('pages/index/index')).toBe(false)
  expect(sitemap.rules[sitemap.rules.length - 1]).toEqual({ action: 'allow', page: '*' })
})
