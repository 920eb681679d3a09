// Churn risk in words: the bands the customer page's badge and the directory's filter share.
export const RISK_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export type RiskBand = (typeof RISK_LEVELS)[number];

/** p ≥ 0.75 critical, ≥ 0.5 high, ≥ 0.25 medium, else low. */
export function riskLevel(p: number): RiskBand {
  return p >= 0.75 ? 'critical' : p >= 0.5 ? 'high' : p >= 0.25 ? 'medium' : 'low';
}
