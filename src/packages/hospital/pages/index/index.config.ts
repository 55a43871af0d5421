// 医院 window settings: what a hospital's QR code opens (?code=<entry code>, or a mini-program code's scene, or a
// plain-link QR's q). Public: WeChat may index it.
export default definePageConfig({
  navigationBarTitleText: '医院',
})
