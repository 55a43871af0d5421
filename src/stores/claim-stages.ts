// How a claim's stage reads at a glance (its tone and tag colour, and whether it is finished): one small module of its
// own, so that the family view (the share subpackage) takes these without the claims list's paging code.
import type { ClaimStage } from '../../types/api/claims'

/** How a stage reads at a glance: under way, done well, or needing the person's attention (the warning colour). */
export type StageTone = 'progress' | 'success' | 'warn'

const TONES: Readonly<Record<ClaimStage, StageTone>> = {
  submitted: 'progress',
  first_review: 'progress',
  second_review: 'progress',
  approved: 'success',
  paid: 'success',
  rejected: 'warn',
  materials_needed: 'warn',
}

export function stageTone (stage: ClaimStage): StageTone {
  return TONES[stage]
}

/** The status tag's colour for a tone (the app's one warning colour for what needs attention). */
export const TONE_TAG_TYPES: Readonly<Record<StageTone, 'primary' | 'success' | 'warning'>> = {
  progress: 'primary', success: 'success', warn: 'warning',
}

/** The claim is finished: its stage will not change again. */
export function stageIsFinal (stage: ClaimStage): boolean {
  return stage === 'paid' || stage === 'rejected'
}
