// Taro build configuration shared by weapp, alipay and h5 (dev.ts / prod.ts add what differs per mode).
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'
import { sassVariables } from './sass-variables'

// H5 is served by the API server itself, so it calls its own origin; mini-programs need the operator's URL,
// given at build time (API_BASE=https://… taro build --type weapp).
// Production bundles use MobX's minified production build (no error-message table); dev keeps the helpful one.
function useLeanMobx (chain: { resolve: { alias: { set: (k: string, v: string) => unknown } } }) {
  if (process.env.NODE_ENV !== 'development') chain.resolve.alias.set('mobx$', require.resolve('mobx/dist/mobx.esm.production.min.js'))
}

const API_BASE = process.env.API_BASE ?? (process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:12393')
// A mini-program built without API_BASE talks to this machine only: fine for DevTools and the tests, wrong for an
// upload. Say so at every such build (WeChat also refuses non-HTTPS request domains for a real release).
if (process.env.TARO_ENV !== 'h5' && !process.env.API_BASE) {
  console.warn('[config] 未设置 API_BASE：小程序将请求 http://127.0.0.1:12393，仅适用于本机开发和测试；上线前请用 API_BASE=https://你的域名 构建。')
}

// Files a build takes as they are: WeChat's sitemap (what its search may index; app.config names it), the
// share card's picture, kept in the share subpackage so that no other package carries it, and the browser's icon
// (the SVG index.html links, and /favicon.ico for browsers that ask for that by name).
function copyPatterns (outputRoot: string): { from: string, to: string }[] {
  const env = process.env.TARO_ENV
  const patterns: { from: string, to: string }[] = []
  if (env === 'weapp') patterns.push({ from: 'src/sitemap.json', to: `${outputRoot}/sitemap.json` })
  if (env === 'weapp' || env === 'alipay') {
    patterns.push({ from: 'src/packages/share/assets/share-card.png', to: `${outputRoot}/packages/share/assets/share-card.png` })
  }
  if (env === 'h5') {
    for (const icon of ['favicon.svg', 'favicon.ico']) patterns.push({ from: `src/${icon}`, to: `${outputRoot}/${icon}` })
  }
  return patterns
}

// What a screen reader reads on a mini-program: Taro's templates list each component's attributes and none is ARIA,
// so the inject plugin adds the role (WeChat names it `aria-role`, Alipay `role`) and the aria-* the components use.
// H5 renders them as they are. Each attribute costs about 600 bytes of base.wxml: only what src/components/a11y.ts
// and the pages set is listed. The plugin writes its list into its own package at build start, so weapp and alipay
// must not be built at the same moment.
function accessibilityPlugin (): [string, object][] {
  const env = process.env.TARO_ENV
  if (env !== 'weapp' && env !== 'alipay') return []
  const role = env === 'alipay' ? 'role' : 'aria-role'
  return [['@tarojs/plugin-inject', {
    components: {
      View: { [role]: '', 'aria-label': '', 'aria-hidden': '', 'aria-level': '', 'aria-live': '', 'aria-modal': '', 'aria-selected': '', 'aria-checked': '' },
      Text: { [role]: '', 'aria-label': '', 'aria-hidden': '', 'aria-level': '' },
      Button: { 'aria-label': '' },
      // A field's name once it holds text (its placeholder gone): FormField's inputs.
      Input: { 'aria-label': '' },
    },
  }]]
}

export default defineConfig<'webpack5'>(async (merge) => {
  const outputRoot = process.env.OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yibao-account',
    date: '2026-11-25',
    // NutUI is drawn at 375 wide; the app's own styles at 750.
    designWidth (input?: string | number | { file?: string }) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\+/g, '/') : ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // OUTPUT_ROOT: a build of one's own elsewhere (e.g. beside a test run that reads dist/ meanwhile).
    outputRoot,
    plugins: ['@tarojs/plugin-html', ...accessibilityPlugin()],
    defineConstants: {
      API_BASE: JSON.stringify(API_BASE),
    },
    copy: {
      patterns: copyPatterns(outputRoot),
      options: {},
    },
    // Figures that the styles share with code (the row height the spending list windows by).
    sass: { data: sassVariables() },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] } },
    cache: {
      enable: false,
    },
    mini: {
      // Fewer recursive templates in base.wxml (−22 KB); deeper subtrees go through Taro's `comp` (same setData bytes).
      // The runner reads `baseLevel` (webpack5-runner MiniPlugin) though IMiniAppConfig does not declare it.
      ...({ baseLevel: 8 } as object),
      // NutUI's CSS is imported from several pages; the order between them does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain (chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        useLeanMobx(chain)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain (chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        useLeanMobx(chain)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
