import { lazy, Suspense, useEffect, useState } from 'react';
import { useApp } from '../../state/store.ts';
import { useRun } from '../../state/runData.ts';
import { PRESETS } from '../../../core/presets/index.ts';
import { Transport } from '../Transport.tsx';
import { fullPageUrlNow } from '../../embed.ts';

const EmbedPanes = lazy(() => import('./EmbedPanes.tsx'));

/**
 * The page under `?embed=1`: a one-line title, the transport and the panes; no header chrome,
 * editor, metrics or table. "open in msix-lab ↗" opens the full page at the same scenario and
 * view in a new tab (its address is refreshed when pressed, so it carries the current moment).
 */
export function EmbedApp() {
  const run = useRun();
  const presetId = useApp((s) => s.presetId);
  const error = useApp((s) => s.error);
  const [href, setHref] = useState('');
  useEffect(() => setHref(fullPageUrlNow()), [run]);
  const preset = PRESETS.find((p) => p.id === presetId);
  const name = preset?.title ?? (typeof run?.scenario.name === 'string' ? run.scenario.name : 'msix-lab scenario');
  const refresh = (e: { currentTarget: HTMLAnchorElement }): void => {
    e.currentTarget.href = fullPageUrlNow();
  };
  return (
    <div className="app embed" data-testid="embed">
      <div className="embed-bar">
        <strong className="embed-title">{name}</strong>
        <a
          href={href || undefined}
          target="_blank"
          rel="noopener noreferrer"
          onPointerDown={refresh}
          onFocus={refresh}
          onClick={refresh}
          data-testid="open-full"
        >
          open in msix-lab ↗
        </a>
      </div>
      {error && (
        <p className="banner" role="alert" data-testid="error-banner">
          <span className="msg">{error.message}</span>
        </p>
      )}
      <section aria-label="playback controls">
        <Transport />
      </section>
      <div className="main">
        <Suspense
          fallback={
            <p style={{ padding: 20 }} role="status">
              Loading the timeline…
            </p>
          }
        >
          {run ? (
            <EmbedPanes />
          ) : (
            <p style={{ padding: 20 }} role="status">
              Simulating in a Web Worker…
            </p>
          )}
        </Suspense>
      </div>
    </div>
  );
}
