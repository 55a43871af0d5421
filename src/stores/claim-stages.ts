// How a claim's stage reads at a glance (its tone and tag colour, and whether it is finished): one small module of its
// own, so that the family view (the share subpackage) takes these without the claims list's paging code.
import type { ClaimStage } from '../../types/api/claims'

/**
 * How a stage reads at a glance: under way, done well, needing the person's attention (the warning colour), or turned
 * down (its own colour and mark: nothing the person can supply changes it, unlike 需补充材料).
 */
export type StageTone = 'progress' | 'success' | 'warn' | 'fail'

const TONES: Readonly<Record<ClaimStage, StageTone>> = {
  submitted: 'progress',
  first_review: 'progress',
  second_review: 'progress',
  approved: 'success',
  paid: 'success',
  rejected: 'fail',
  materials_needed: 'warn',
}

export function stageTone (stage: ClaimStage): StageTone {
  return TONES[stage]
}

/** The status tag's colour for a tone (the app's one warning colour for what needs attention). */
export const TONE_TAG_TYPES: Readonly<Record<StageTone, 'primary' | 'success' | 'warning' | 'danger'>> = {
  progress: 'primary', success: 'success', warn: 'warning', fail: 'danger',
}

/** The mark before a stage's name, so that the tone is never told by colour alone (none while under way). */
export const TONE_MARKS: Readonly<Record<StageTone, string>> = { progress: '', success: '✓', warn: '!', fail: '✕' }

/** The stages still to come on the way to 已打款, in order (none once the claim is finished). */
export function upcomingStages (stage: ClaimStage): { stage: ClaimStage, name: string }[] {
  const names: Partial<Record<ClaimStage, string>> = { first_review: '初审', second_review: '复审', approved: '审核通过', paid: '打款到账' }
  const after: Readonly<Record<ClaimStage, readonly ClaimStage[]>> = {
    submitted: ['first_review', 'second_review', 'approved', 'paid'],
    first_review: ['second_review', 'approved', 'paid'],
    second_review: ['approved', 'paid'],
    approved: ['paid'],
    paid: [],
    rejected: [],
    // Supplied materials go back to 初审.
    materials_needed: ['first_review', 'second_review', 'approved', 'paid'],
  }
  return after[stage].map((s) => ({ stage: s, name: names[s]! }))
}

/** The claim is finished: its stage will not change again. */
export function stageIsFinal (stage: ClaimStage): boolean {
  return stage === 'paid' || stage === 'rejected'
}
