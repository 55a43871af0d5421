// 分享给家人 window settings: the page answers onShareAppMessage (WeChat and Alipay need the flag for Taro's hook);
// no timeline share (a personal page must not go to Moments).
export default definePageConfig({
  navigationBarTitleText: '分享给家人',
  enableShareAppMessage: true,
})
