// Babel for Taro builds and the jest unit layer; NutUI components and their CSS are imported one by one.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    ['import', {
      libraryName: '@nutui/nutui-react-taro',
      camel2DashComponentName: false,
      customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
    }, 'nutui-react-taro'],
  ],
}
