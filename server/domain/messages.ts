// The one place that turns an error code into the Chinese sentence a person reads (what happened, what to do).
import type { ErrorCode } from '../../types/api/common'

const messages: Record<ErrorCode, string> = {
  validation_failed: '填写的内容格式不对，请检查后重试',
  bad_request: '请求格式不正确，请更新小程序后重试',
  unauthorized: '请先登录',
  session_expired: '登录已失效，请重新登录', // unknown, revoked and expired tokens alike: the answer tells nothing
  forbidden: '您没有权限查看这些内容',
  binding_required: '请先完成实名绑定，再查看医保账户',
  verification_required: '为保护您的医保信息，请先完成身份验证',
  not_found: '没有找到您要的内容，请返回首页重试',
  method_not_allowed: '不支持这种请求方式，请更新小程序后重试',
  conflict: '数据已被修改，请刷新后重试',
  gone: '该内容已失效',
  payload_too_large: '提交的内容太大，请精简后重试',
  unsupported_media_type: '提交的内容格式不受支持，请更新小程序后重试',
  rate_limited: '操作太频繁，请稍后再试',
  internal_error: '服务暂时出了点问题，请稍后再试',
  service_unavailable: '服务繁忙，请稍后再试',
  request_timeout: '网络不稳定，请求没能及时送达，请检查网络后重试',
  headers_too_large: '请求头太大，无法处理，请关闭小程序后重新打开再试',
  invalid_login_code: '登录凭证无效或已过期，请重新登录',
  platform_unavailable: '暂时无法连接平台登录服务，请稍后再试',
  platform_rejected: '平台拒绝了本次登录，请稍后再试或改用手机号登录',
  sms_code_invalid: '验证码不正确，请核对后重新输入',
  sms_code_expired: '验证码已过期，请重新获取',
  sms_code_attempts_exceeded: '验证码输错次数过多，请重新获取',
  phone_invalid: '请输入正确的 11 位手机号',
  id_number_invalid: '身份证号不正确，请核对后重新输入（最后一位可能是 X）',
  password_incorrect: '证件号或查询密码不正确，请核对后重试',
  account_locked: '查询密码输错次数过多，已暂时锁定，请稍后再试，或用「忘记密码」重新设置',
  password_too_weak: '新的查询密码不够安全，请换一个',
  face_unavailable: '当前无法使用刷脸验证，请改用短信验证码或查询密码',
  soter_unavailable: '当前无法使用指纹/面容解锁，请改用短信验证码、查询密码或刷脸验证',
  soter_result_malformed: '指纹/面容解锁的结果无法识别，请重新解锁一次，或改用短信验证码、查询密码',
  soter_challenge_invalid: '这次指纹/面容解锁已过期或已使用，请重新解锁一次',
  soter_failed: '指纹/面容解锁没有通过，可以再试一次，或改用短信验证码、查询密码或刷脸验证',
  cursor_invalid: '列表已经变化，请下拉刷新后重新查看',
  identity_mismatch: '姓名或身份证号与参保登记信息不一致，请核对后重新输入',
  binding_locked: '核对失败次数过多，已暂时停止绑定，请稍后再试，或拨打 12393 医保服务热线',
  already_bound: '这个账号已经绑定了参保人，无需再次绑定',
  binding_not_started: '请先填写姓名和身份证号，再完成验证',
  binding_proof_unavailable: '请先用刷脸完成验证；刷脸两次没有通过后，可以改用短信验证码',
  consent_outdated: '隐私政策或授权书已经更新，请重新打开小程序，阅读新的内容后再同意',
  consent_required: '需要您同意《敏感个人信息处理授权书》后才能查看医保账户信息，请在弹出的说明中阅读并同意',
  claim_final: '这笔报销已经办结，进度不会再变化，无需订阅提醒',
  claim_stage_invalid: '这笔报销现在不能进入这个阶段，请核对它当前的进度',
  subscribe_unavailable: '进度提醒需要在微信小程序里订阅，请在微信中打开小程序后再试',
  subscribe_template_unknown: '提醒的类型已经更新，请重新打开报销详情后再订阅',
  dispute_exists: '这笔消费已经标记为“不是我的消费”，正在核实中，请等待结果，无需重复标记',
  dispute_not_open: '这次申诉已经撤回或已有核实结果，不能再撤回，请刷新后查看',
  dispute_limit_reached: '这笔消费已经多次标记和撤回，不能再在线标记，请拨打 12393 医保服务热线说明情况',
  share_invalid: '链接已失效，请让家人重新分享',
  share_limit_reached: '有效的分享已经达到上限，请先在“我的分享”里撤回不再需要的，再分享',
  entry_code_unknown: '没有找到这家机构，二维码可能已失效，请向医院的医保窗口咨询',
  entry_code_revoked: '这个二维码已经停用，请扫描医院新张贴的二维码，或向医保窗口咨询',
  phone_shared: '这个手机号登记在不止一位参保人名下，无法确定是哪一位，请用微信或支付宝登录，或联系参保地医保经办机构',
}

export function messageFor (code: ErrorCode): string {
  return messages[code]
}

export const statusCodeNames: Record<number, ErrorCode> = {
  400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed',
  408: 'request_timeout', 409: 'conflict', 410: 'gone', 413: 'payload_too_large', 415: 'unsupported_media_type',
  429: 'rate_limited', 431: 'headers_too_large', 503: 'service_unavailable',
}
