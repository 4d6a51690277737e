import { TARGET_REL, sweepSummaryCsv, type PolicySummary, type SweepReport } from '../core/index.ts';

const pct = (p: number): string => {
  const x = p * 100;
  return x === 0
    ? '0 %'
    : x === 100
      ? '100 %'
      : x >= 10
        ? `${x.toFixed(1)} %`
        : x >= 0.1
          ? `${x.toFixed(2)} %`
          : `${x.toPrecision(2)} %`;
};
const big = (n: number): string => (n >= 1e6 ? n.toExponential(2) : Math.round(n).toLocaleString('en-US'));

/** "31.2 % [30.3, 32.1]", or "0 of 1,000 (≤ 0.30 %)", or "no resizes": never a bare misleading 0. */
export function fmtPLoss(r: PolicySummary): string {
  if (r.pLossPerResize === null) return 'no resizes';
  if (r.lossyResizes === 0) return `0 of ${big(r.resizes)} (<= ${pct(r.ruleOfThreeUpper!)})`;
  return `${pct(r.pLossPerResize)} [${pct(r.ciLow!).replace(' %', '')}, ${pct(r.ciHigh!)}]`;
}

/** Says how many trials a ±10 % estimate needs when the run is short of it. */
export function fmtNeeds(r: PolicySummary): string {
  if (r.trialsFor10pct === null || r.pLossPerResize === null) return '';
  if (r.lossyResizes > 0 && r.trialsFor10pct <= r.trials) return '';
  return `${r.lossyResizes === 0 ? '>= ' : ''}${big(r.trialsFor10pct)} trials for ±${TARGET_REL * 100} %`;
}

function table(head: string[], body: string[][]): string {
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  const line = (row: string[]): string =>
    row
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The human table: one row per policy (and per --vary value). */
export function formatSweepTable(rep: SweepReport): string {
  const head = [
    ...(rep.vary ? [rep.vary.param] : []),
    'policy',
    'trials',
    'resizes',
    'P(resize loses) [95 %]',
    'closed form',
    'lost/10^6 resizes [95 %]',
    'P(trial loses)',
    'lost/trial p50 p99 max',
    'PBA clr at resize',
    'never deliv.',
    'spurious',
    'masked deliv.',
    'IRQs/IRTEs',
    'CPU vec',
    'precision',
  ];
  const body: string[][] = [];
  for (const pt of rep.points) {
    for (const r of pt.results) {
      body.push([
        ...(rep.vary ? [String(pt.value)] : []),
        r.policy,
        big(r.trials),
        big(r.resizes),
        fmtPLoss(r),
        r.closedFormPLossPerResize === null ? '-' : pct(r.closedFormPLossPerResize),
        r.lostPerMillionResizes === null
          ? '-'
          : `${big(r.lostPerMillionResizes)} [${big(r.lostPerMillionLow!)}, ${big(r.lostPerMillionHigh!)}]`,
        `${pct(r.pLossPerTrial)} [${pct(r.pLossPerTrialLow).replace(' %', '')}, ${pct(r.pLossPerTrialHigh)}]`,
        `${r.lostPerTrialP50} ${r.lostPerTrialP99} ${r.lostPerTrialMax}`,
        big(r.pbaClearedAtResize),
        big(r.neverDelivered),
        big(r.spuriousInjections),
        big(r.deliveredWhileMasked),
        String(r.hostIrqsPeak),
        String(r.cpuVectorsPeak),
        fmtNeeds(r),
      ]);
    }
  }
  const title =
    `${rep.scenario ?? 'scenario'} (hash ${rep.scenarioHash}, seed ${rep.seed}): ${rep.complete ? '' : 'PARTIAL, '}` +
    `${rep.points.reduce((a, p) => a + p.trialsRun, 0).toLocaleString('en-US')} of ${(rep.trials * rep.points.length).toLocaleString('en-US')} trials` +
    (rep.shards ? `, shard(s) ${rep.shards.indices.join(',')} of ${rep.shards.count}` : '');
  return `${title}\n${table(head, body)}`;
}

/** CSV: the core's (`core/sweep/csv.ts`), which the page's CSV buttons also write. */
export const formatSweepCsv = (rep: SweepReport): string => sweepSummaryCsv(rep);
