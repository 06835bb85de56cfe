import type { GradingFigures, GradingSummary } from '@/features/grading/api'

const ref = (id: number, name: string, level: 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE', code: string) => ({ id, name, level, code })

/** A township's figures: 10 organisations with a tier, 2 incomplete. */
export function figures(id: number, name: string, over: Partial<GradingFigures> = {}): GradingFigures {
  return {
    organization: ref(id, name, 'TOWNSHIP', `P231202${String(id).padStart(3, '0')}000`),
    total: 12, graded: 10, incomplete: 2,
    tiers: {
      GOOD: { count: 1, share: '10.00' }, FAIRLY_GOOD: { count: 2, share: '20.00' },
      AVERAGE: { count: 5, share: '50.00' }, POOR: { count: 2, share: '20.00' },
    },
    classes: { ADVANCED: { count: 1, share: '10.00' }, MIDDLE: { count: 7, share: '70.00' }, BACKWARD: { count: 2, share: '20.00' } },
    movement: { UP: 3, SAME: 4, DOWN: 1, NONE: 4 },
    lagging: 1, laggingShare: '8.33',
    target: {
      minGoodShare: '30.00', maxPoorShare: '20.00', source: 'DEFAULT', from: null,
      goodShare: '30.00', poorShare: '20.00', goodMet: true, poorMet: true, met: true, goodDistance: '0.00', poorDistance: '0.00',
    },
    stars: { counts: { '1': 2, '2': 3, '3': 3, '4': 2, '5': 2 }, fiveShare: '16.67', fourShare: '16.67', guideFive: '10', guideFour: '30', warnings: ['五星占比 16.67% 超过指导比例 10% / Five-star share 16.67% exceeds the guide 10%'] },
    ...over,
  }
}

export function summary(): GradingSummary {
  const a = figures(101, '一号镇')
  const b = figures(102, '二号镇', {
    target: { ...a.target, goodShare: '29.99', goodMet: false, met: false, goodDistance: '-0.01', poorShare: '25.00', poorMet: false, poorDistance: '5.00' },
  })
  return {
    cycleId: 7, published: false,
    run: { id: 3, ruleSetLabel: 'P231200000000-2026-v1', method: 'THRESHOLDS', final: false, finishedAt: '2026-11-22T03:00:00Z' },
    rule: { zh: '好 ≥ 90,较好 ≥ 80,一般 ≥ 60,其余较差', en: 'Good ≥ 90, fairly good ≥ 80, average ≥ 60, else poor' },
    scope: { ...figures(1, '示例县', { total: 24, graded: 20, incomplete: 4 }), organization: ref(1, '示例县', 'COUNTY', 'P231202000000') },
    counties: [],
    townships: [a, b],
  }
}
