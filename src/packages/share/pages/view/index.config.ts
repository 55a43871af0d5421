// 家人查看 window settings: opened by anyone holding a link, often as the first page (a share card, a scanned code);
// pull down to read the progress again. It offers no onward share.
export default definePageConfig({
  navigationBarTitleText: '家人的报销进度',
  enablePullDownRefresh: true,
})
