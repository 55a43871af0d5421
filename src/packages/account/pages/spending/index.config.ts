// 消费记录 window settings: pull down to refresh, the next page well before the bottom; on WeChat the rows are the
// native spending-chunk component.
export default definePageConfig({
  navigationBarTitleText: '消费记录',
  enablePullDownRefresh: true,
  onReachBottomDistance: 400,
  ...(process.env.TARO_ENV === 'weapp' ? { usingComponents: { 'spending-chunk': '../../components/spending-chunk/index' } } : {}),
})
