import { useState } from 'react';
import { deltaWords } from '../../../core/whatif/diff.ts';
import { encodeLink } from '../../../core/share/index.ts';
import { useWhatIf } from '../../state/whatif.ts';
import { currentShare } from '../../sim/runner.ts';
import { backToOriginal } from '../../sim/fork.ts';

/**
 * Shown while a what-if fork is on screen: what was edited, how many raises changed per policy
 * (they are ringed on the timelines), the headline deltas, a link to the fork and the way back.
 */
export function WhatIfBar() {
  const summary = useWhatIf((s) => s.summary);
  const diff = useWhatIf((s) => s.diff);
  const pending = useWhatIf((s) => s.pending);
  const [copied, setCopied] = useState<string | null>(null);
  if (!summary) return null;
  const copy = async (): Promise<void> => {
    const url = location.href.split('#')[0] + '#' + encodeLink(currentShare(true));
    try {
      await navigator.clipboard.writeText(url);
      setCopied('link copied');
    } catch {
      setCopied(url); // no clipboard permission: show it to copy by hand
    }
  };
  return (
    <div className="whatif-bar" role="region" aria-label="what-if fork" data-testid="whatif-bar">
      <div>
        <b>What if:</b> {summary}. {pending && <span role="status">simulating…</span>}
      </div>
      {diff && (
        <ul data-testid="whatif-diff">
          {diff.map((d) => (
            <li key={d.policy} data-policy={d.policy}>
              <b>{d.policy}</b>:{' '}
              {d.changes.length === 0
                ? 'no raise changed'
                : `${d.changes.length} raise${d.changes.length === 1 ? '' : 's'} changed (ringed)`}
              {deltaWords(d.deltas) && <> · {deltaWords(d.deltas)}</>}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button className="btn" onClick={() => void backToOriginal()} data-testid="whatif-back">
          Back to original
        </button>
        <button className="btn" onClick={() => void copy()} data-testid="whatif-copy">
          Copy link to this fork
        </button>
        {copied && (
          <span className="fn" data-testid="whatif-copied" style={{ wordBreak: 'break-all' }}>
            {copied}
          </span>
        )}
      </div>
    </div>
  );
}

/** The fork's change of one metric for one policy ("+2", "−1"), or nothing. */
export function MetricDelta({
  policy,
  rowKey,
  unit,
  better,
}: {
  policy: string;
  rowKey: string;
  unit: 'count' | 'ns';
  better?: 'lower' | 'higher' | undefined;
}) {
  const d = useWhatIf((s) => s.diff?.find((x) => x.policy === policy)?.deltas[rowKey]);
  if (!d) return null;
  const v = unit === 'ns' ? `${+(Math.abs(d) / 1000).toFixed(3)} µs` : String(Math.abs(d));
  return (
    <span
      className={`delta ${!better ? '' : d > 0 === (better === 'higher') ? 'good' : 'bad'}`}
      data-testid="metric-delta"
      title="change from the run before the what-if"
    >
      {' '}
      ({d > 0 ? '+' : '−'}
      {v})
    </span>
  );
}
