// Calling a phone number the person tapped (a hospital's claims desk). Default variant (jest, tsc): the H5 one.
// Each build has its own: phone.weapp.ts, phone.alipay.ts, phone.h5.ts.
export { callPhone } from './phone.h5'
