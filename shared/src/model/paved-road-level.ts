/** Paved-road levels, lowest first. `none` means not even Bronze is met. */
export type PavedRoadLevel = 'none' | 'bronze' | 'silver' | 'gold';

/** The levels a guardrail can belong to, lowest first. */
export const GUARDRAIL_LEVELS = ['bronze', 'silver', 'gold'] as const;
export type GuardrailLevel = (typeof GUARDRAIL_LEVELS)[number];

export function levelRank(level: PavedRoadLevel): number {
  switch (level) {
    case 'none':
      return 0;
    case 'bronze':
      return 1;
    case 'silver':
      return 2;
    case 'gold':
      return 3;
  }
}
