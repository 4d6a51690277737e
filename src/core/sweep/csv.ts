import type { PolicySummary, SweepReport } from './summary.ts';

/**
 * The sweep's CSV: one row per (point, policy), every summary column, and the scenario hash and seed
 * on every row so a row pasted alone still says how to reproduce it. The CLI (`sweep --format csv`)
 * and the page's "CSV" buttons write this same text, so a figure downloaded from the page can be
 * checked against the CLI's.
 */
export const SUMMARY_CSV_COLS = [
  'trials',
  'resizes',
  'lossyResizes',
  'pLossPerResize',
  'ciLow',
  'ciHigh',
  'ruleOfThreeUpper',
  'closedFormPLossPerResize',
  'lostPerMillionResizes',
  'lostPerMillionLow',
  'lostPerMillionHigh',
  'closedFormLostPerMillionResizes',
  'trialsFor10pct',
  'pLossPerTrial',
  'pLossPerTrialLow',
  'pLossPerTrialHigh',
  'lost',
  'lostPerTrialP50',
  'lostPerTrialP99',
  'lostPerTrialMax',
  'lostInWindows',
  'pbaClearedAtResize',
  'raised',
  'neverDelivered',
  'spuriousInjections',
  'deliveredWhileMasked',
  'hostIrqsPeak',
  'irtePeak',
  'cpuVectorsPeak',
  'meanWindowNs',
] as const satisfies readonly (keyof PolicySummary)[];

/** What the CSV needs of a report: the CLI's SweepReport and the page's sweep result both have it. */
export type CsvReport = Pick<SweepReport, 'scenarioHash' | 'seed' | 'vary'> & {
  points: { value: number | null; results: PolicySummary[] }[];
};

/** Empty cells for null values; the policy spec quoted (it may hold commas: `x:frontend=..,enable=..`). */
export function sweepSummaryCsv(rep: CsvReport): string {
  const rows = [['scenarioHash', 'seed', 'param', 'value', 'policy', ...SUMMARY_CSV_COLS].join(',')];
  for (const pt of rep.points) {
    for (const r of pt.results) {
      rows.push(
        [
          rep.scenarioHash,
          rep.seed,
          rep.vary?.param ?? '',
          pt.value ?? '',
          JSON.stringify(r.policy),
          ...SUMMARY_CSV_COLS.map((k) => r[k] ?? ''),
        ].join(','),
      );
    }
  }
  return rows.join('\n');
}
