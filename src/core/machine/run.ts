import { computeMetrics, type Metrics } from '../analysis/metrics.ts';
import { hashLog, type LogColumns } from '../engine/log.ts';
import { simulate } from './simulate.ts';
import type { ResolvedPolicy } from '../policies/index.ts';
import type { Scenario } from '../scenario/schema.ts';

/** One policy's complete result, in plain data (structured-clone and JSON friendly but the columns). */
export interface PolicyRun {
  policy: string;
  title: string;
  summary: string;
  metrics: Metrics;
  hash: string;
  endNs: number;
  visibleSize: number;
  log: LogColumns;
}

/** Runs each policy over the scenario and returns logs, metrics and determinism hashes. */
export function runScenario(scenario: Scenario, policies: readonly ResolvedPolicy[], seed?: number): PolicyRun[] {
  return policies.map((p) => {
    const r = simulate(scenario, p, seed === undefined ? {} : { seed });
    const log = r.log.columns();
    return {
      policy: p.spec,
      title: p.base.title,
      summary: p.base.summary,
      metrics: computeMetrics(log, r.final, r.settings.reservationMode),
      hash: hashLog(log),
      endNs: r.endNs,
      visibleSize: r.final.guest.size,
      log,
    };
  });
}
