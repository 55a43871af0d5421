// Operator command: move a claim to its next stage on the running server, which records the timeline event and sends
// the WeChat subscribe message the person asked for (the dev outbox locally).
//
//   npm run claims:advance -- <claimNo> <stage> [note] [--approved-fen <fen>] [--deductions <kind>:<fen>,…]
//                             [--missing <材料1>、<材料2>] [--server <url>]
//
// stage: submitted first_review second_review approved paid rejected materials_needed (rules: server/domain/claims.ts).
// It calls POST /api/v1/operator/claims/{claimNo}/advance on the server's admin listener on this computer, with the
// operator token (scripts/admin-target.ts: --server / SERVER_URL / the server's admin.json / ADMIN_PORT, and
// OPERATOR_TOKEN or the token in admin.json); see server/routes/api/v1/claims/operator.ts for why this goes through
// the server.
import { adminTarget } from './admin-target'
import type { ClaimAdvanceBody, ClaimAdvanceResult, ClaimDeductionKind, ClaimNoticeOutcome, ClaimStage } from '../types/api/claims'

const STAGES: readonly ClaimStage[] = ['submitted', 'first_review', 'second_review', 'approved', 'paid', 'rejected', 'materials_needed']
const DEDUCTION_KINDS: readonly ClaimDeductionKind[] = ['deductible', 'co_pay', 'self_pay', 'over_limit', 'other']

const NOTICE_TEXT: Record<ClaimNoticeOutcome, string> = {
  sent: '已发送微信订阅消息',
  no_subscription: '本人没有订阅这笔报销的提醒，未发送',
  refused: '微信答复用户已拒收（43101），这次订阅已用掉',
  bad_openid: '订阅的微信账号已不可用，未发送',
  rejected: '微信拒绝了模板或数据（见服务端日志），订阅保留',
  failed: '暂时发送失败（见服务端日志），订阅保留到下次进度变化',
  off: '服务端没有开通进度提醒',
}

export const USAGE = '用法：npm run claims:advance -- <报销申请编号> <阶段> [说明] [--approved-fen <分>] [--deductions <种类>:<分>,…] ' +
  '[--missing <材料1>、<材料2>] [--server <地址>]\n' +
  `阶段：${STAGES.join(' ')}\n` +
  `不予报销的种类（--deductions，只在 approved 且核定金额低于申请金额时）：${DEDUCTION_KINDS.join(' ')}\n`

export interface ParsedArgs { claimNo: string; body: ClaimAdvanceBody; server?: string }

export function parseArgs (argv: readonly string[]): ParsedArgs | { error: string } {
  const positional: string[] = []
  const body: Partial<ClaimAdvanceBody> = {}
  let server: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} 后面缺少取值`)
      return v
    }
    try {
      if (a === '--approved-fen') {
        const v = value()
        if (!/^[1-9][0-9]{0,13}$/.test(v)) return { error: `--approved-fen 应为大于 0 的整数（单位：分），收到“${v}”` }
        body.approvedFen = Number(v)
      } else if (a === '--deductions') {
        const parts = value().split(/[,，]/).map((s) => s.trim()).filter(Boolean)
        const deductions: NonNullable<ClaimAdvanceBody['deductions']> = []
        for (const part of parts) {
          const m = /^([a-z_]+):([1-9][0-9]{0,13})$/.exec(part)
          if (!m || !DEDUCTION_KINDS.includes(m[1] as ClaimDeductionKind)) return { error: `--deductions 的每一项应写成 种类:分，如 deductible:50000，收到“${part}”` }
          deductions.push({ kind: m[1] as ClaimDeductionKind, amountFen: Number(m[2]) })
        }
        if (deductions.length === 0) return { error: '--deductions 后面缺少取值' }
        body.deductions = deductions
      } else if (a === '--missing') {
        body.missingMaterials = value().split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean)
      } else if (a === '--server') {
        server = value()
      } else if (a.startsWith('--')) {
        return { error: `不认识的选项 ${a}` }
      } else {
        positional.push(a)
      }
    } catch (e) {
      return { error: (e as Error).message }
    }
  }
  const [claimNo, stage, ...rest] = positional
  if (!claimNo || !stage) return { error: '需要报销申请编号和阶段' }
  if (!STAGES.includes(stage as ClaimStage)) return { error: `不认识的阶段“${stage}”` }
  const note = rest.join(' ').trim()
  return { claimNo, server, body: { ...body, stage: stage as ClaimStage, ...(note ? { note } : {}) } }
}

/** Runs the command; returns the exit code. `out` / `err` receive whole lines. */
export async function run (argv: readonly string[], env: NodeJS.ProcessEnv, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const parsed = parseArgs(argv)
  if ('error' in parsed) {
    err(`${parsed.error}\n${USAGE}`)
    return 2
  }
  const target = adminTarget(parsed.server, env)
  if ('error' in target) {
    err(`${target.error}\n`)
    return 2
  }
  const base = target.base
  const url = `${base}/api/v1/operator/claims/${encodeURIComponent(parsed.claimNo)}/advance`
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-operator-token': target.token },
      body: JSON.stringify(parsed.body),
      signal: AbortSignal.timeout(30_000),
    })
  } catch {
    err(`无法连接服务 ${base}：请先用 npm start 启动服务，或用 --server 指定它的地址\n`)
    return 1
  }
  const text = await res.text()
  let json: unknown
  try { json = JSON.parse(text) } catch { json = undefined }
  if (res.status !== 200) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message
    const hint = res.status === 404 && !message?.includes(parsed.claimNo)
      ? '（这不是服务的管理端口：请用服务启动时打印的 admin listening on 地址）' : ''
    err(`未能变更（HTTP ${res.status}）：${message ?? text.slice(0, 200)}${hint}\n`)
    return 1
  }
  const r = json as ClaimAdvanceResult
  out(`${r.claimNo} 已变为“${r.stageName}”；进度提醒：${NOTICE_TEXT[r.notice]}\n`)
  return 0
}

if (require.main === module) {
  void run(process.argv.slice(2), process.env, (s) => process.stdout.write(s), (s) => process.stderr.write(s))
    .then((code) => { process.exitCode = code })
}
