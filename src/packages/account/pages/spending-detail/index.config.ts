// 消费详情 window settings: pull down to read the settlement again (a dispute's status may have changed).
export default definePageConfig({
  navigationBarTitleText: '消费详情',
  enablePullDownRefresh: true,
})
