import { accFromJson, type PolicyAcc } from './acc.ts';
import { garwood, ruleOfThree, samplesForRelativePrecision, wilson } from './stats.ts';
import { Q } from './fold.ts';
import type { SweepState } from './state.ts';

/** Relative precision (95 % half-width / p) that "trials needed" is quoted for. */
export const TARGET_REL = 0.1;

/** One policy's answer at one point. Probabilities are fractions (0..1); null when undefined (no resize seen). */
export interface PolicySummary {
  policy: string;
  trials: number;
  resizes: number;
  lossyResizes: number;
  /** P(a resize loses >= 1 interrupt): lossyResizes / resizes, with a 95 % Wilson interval. */
  pLossPerResize: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** 3 / resizes when no resize lost anything: the 95 % upper bound (rule of three); else null. */
  ruleOfThreeUpper: number | null;
  /** Interrupts lost in resize windows per 10^6 resizes, with Garwood's 95 % Poisson interval on the count. */
  lostPerMillionResizes: number | null;
  lostPerMillionLow: number | null;
  lostPerMillionHigh: number | null;
  /** The closed form (trial.ts windowExpectation) averaged over the same windows. */
  closedFormPLossPerResize: number | null;
  closedFormLostPerMillionResizes: number | null;
  /**
   * Resizes (and trials) needed for a ±10 % (95 %) estimate of pLossPerResize: from the estimate
   * when some resize lost, else from the rule-of-three bound (then a lower bound: p may be smaller).
   */
  resizesFor10pct: number | null;
  trialsFor10pct: number | null;
  /** P(a trial loses >= 1 interrupt, any cause), Wilson 95 %: the denominator every policy has. */
  pLossPerTrial: number;
  pLossPerTrialLow: number;
  pLossPerTrialHigh: number;
  lost: number;
  lostInWindows: number;
  /** PBA bits the resizes' own host disables cleared (trial.ts TrialFold.pbaClearedAtResize). */
  pbaClearedAtResize: number;
  raised: number;
  neverDelivered: number;
  spuriousInjections: number;
  deliveredWhileMasked: number;
  /** Host IRQs (one IRTE each) and CPU vectors: the highest peak of any trial. */
  hostIrqsPeak: number;
  irtePeak: number;
  cpuVectorsPeak: number;
  meanWindowNs: number | null;
  /** Lost interrupts per trial (all causes) -> trials; and that distribution's median, 99th percentile and maximum. */
  lostPerTrial: Record<string, number>;
  lostPerTrialP50: number;
  lostPerTrialP99: number;
  lostPerTrialMax: number;
}

/** The q-quantile (lower) of a histogram value -> count. */
function histQuantile(h: Record<string, number>, q: number): number {
  const keys = Object.keys(h)
    .map(Number)
    .sort((a, b) => a - b);
  const n = keys.reduce((a, k) => a + h[k]!, 0);
  if (n === 0) return 0;
  const rank = Math.min(n - 1, Math.floor(q * n));
  let seen = 0;
  for (const k of keys) {
    seen += h[k]!;
    if (seen > rank) return k;
  }
  return keys[keys.length - 1]!;
}

export function summarise(policy: string, a: PolicyAcc): PolicySummary {
  const R = a.resizes;
  const ci = R > 0 ? wilson(a.lossyResizes, R) : null;
  const g = garwood(a.lostInWindows);
  const p = R > 0 ? a.lossyResizes / R : null;
  const pFor = p === null ? null : a.lossyResizes > 0 ? p : ruleOfThree(R);
  const resizesFor = pFor === null ? null : samplesForRelativePrecision(pFor, TARGET_REL);
  const t = wilson(a.lossyTrials, a.trials);
  return {
    policy,
    trials: a.trials,
    resizes: R,
    lossyResizes: a.lossyResizes,
    pLossPerResize: p,
    ciLow: ci?.low ?? null,
    ciHigh: ci?.high ?? null,
    ruleOfThreeUpper: R > 0 && a.lossyResizes === 0 ? ruleOfThree(R) : null,
    lostPerMillionResizes: R > 0 ? (a.lostInWindows / R) * 1e6 : null,
    lostPerMillionLow: R > 0 ? (g.low / R) * 1e6 : null,
    lostPerMillionHigh: R > 0 ? (g.high / R) * 1e6 : null,
    closedFormPLossPerResize: R > 0 ? Number(a.expLossyQ) / Q / R : null,
    closedFormLostPerMillionResizes: R > 0 ? (Number(a.expLostQ) / Q / R) * 1e6 : null,
    resizesFor10pct: resizesFor,
    trialsFor10pct: resizesFor === null || R === 0 ? null : Math.ceil(resizesFor / (R / a.trials)),
    pLossPerTrial: a.trials ? a.lossyTrials / a.trials : 0,
    pLossPerTrialLow: t.low,
    pLossPerTrialHigh: t.high,
    lost: a.lost,
    lostInWindows: a.lostInWindows,
    pbaClearedAtResize: a.pbaClearedAtResize,
    raised: a.raised,
    neverDelivered: a.neverDelivered,
    spuriousInjections: a.spuriousInjections,
    deliveredWhileMasked: a.deliveredWhileMasked,
    hostIrqsPeak: a.hostIrqsPeak,
    irtePeak: a.hostIrqsPeak,
    cpuVectorsPeak: a.cpuVectorsPeak,
    meanWindowNs: R > 0 ? a.windowNs / R : null,
    lostPerTrial: a.lostHist,
    lostPerTrialP50: histQuantile(a.lostHist, 0.5),
    lostPerTrialP99: histQuantile(a.lostHist, 0.99),
    lostPerTrialMax: histQuantile(a.lostHist, 1),
  };
}

/** The printed result: a pure function of the state, so a merge prints what one machine would. */
export interface SweepReport {
  format: SweepState['format'];
  scenario: string | null;
  scenarioHash: string;
  seed: number;
  trials: number;
  complete: boolean;
  shards: SweepState['shards'];
  vary: SweepState['vary'];
  points: { value: number | null; trialsRun: number; results: PolicySummary[] }[];
  state: SweepState;
}

export function buildReport(state: SweepState): SweepReport {
  const points = state.points.map((pt, p) => {
    const accs = pt.map((j, i) => accFromJson(j, `points[${p}][${i}]`));
    return {
      value: state.vary ? state.vary.values[p]! : null,
      trialsRun: accs[0]?.trials ?? 0,
      results: accs.map((a, i) => summarise(state.policies[i]!, a)),
    };
  });
  return {
    format: state.format,
    scenario: state.scenario,
    scenarioHash: state.scenarioHash,
    seed: state.seed,
    trials: state.trials,
    complete: state.shards === null && points.every((p) => p.trialsRun === state.trials),
    shards: state.shards,
    vary: state.vary,
    points,
    state,
  };
}
