import { lazy, Suspense, useState } from 'react';

// The run views (timelines, inspector, tables: d3 and canvas code) load in their own chunk while
// the Worker simulates, so the first paint and the first task stay small.
// The request starts now, at boot (not when React first renders it after the Worker answered).
const loadRunView = () => import('./components/RunView.tsx');
const runViewChunk = loadRunView();
const RunView = lazy(() => runViewChunk.catch(loadRunView));
import { useApp } from './state/store.ts';
import { useRun } from './state/runData.ts';
import { PRESETS } from '../core/presets/index.ts';
import { Header } from './components/Header.tsx';
import { Transport } from './components/Transport.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { ScenarioEditor } from './components/ScenarioEditor.tsx';
import { NavBar } from './components/layout/NavBar.tsx';
import { Glossary } from './components/layout/Glossary.tsx';
import { PointerRing } from './components/layout/PointerRing.tsx';
import { ScenarioBlurb, useScenarioMeta } from './components/layout/ScenarioBlurb.tsx';

/** The page: header, scenario blurb, transport, panes + inspector, then metrics and the event table. */
export function App() {
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const presetId = useApp((s) => s.presetId);
  const notice = useApp((s) => s.notice);
  const tableView = useApp((s) => s.tableView);
  const hasRun = useRun() !== null;
  const preset = PRESETS.find((p) => p.id === presetId);
  const [more, setMore] = useState(false);
  const meta = useScenarioMeta();
  return (
    <div className="app">
      <Header />
      <section aria-label="scenario">
        {error && (
          <p className="banner" role="alert" data-testid="error-banner">
            <span className="msg">
              <b>Could not load that:</b> {error.path ? <code>{error.path}</code> : null}{' '}
              {error.path && error.message.startsWith(`${error.path}: `)
                ? error.message.slice(error.path.length + 2)
                : error.message}
              .{error.fallback ? ` ${error.fallback}` : hasRun ? ' What you had is still shown.' : ''}
            </span>
            <button className="btn" onClick={() => useApp.getState().dismissError()}>
              Dismiss
            </button>
          </p>
        )}
        <div className="blurb">
          <span className={`text ${more ? '' : 'clamp'}`}>
            {preset ? (
              <>
                {notice && <em data-testid="notice">{notice}. </em>}
                <strong>{preset.title}.</strong> <span>{preset.paragraph}</span>
              </>
            ) : (
              <>
                <strong data-testid="notice">{notice ?? 'Custom scenario'}</strong>
                <ScenarioBlurb />
              </>
            )}
          </span>
          {(preset || meta.description) && (
            <button className="btn" aria-expanded={more} onClick={() => setMore(!more)}>
              {more ? 'less' : 'more'}
            </button>
          )}
        </div>
      </section>
      <section aria-label="playback controls">
        <Transport />
        <NavBar />
      </section>
      <div className="main">
        {!hasRun ? (
          <main className="scroll">
            <p style={{ padding: 20 }} role="status">
              {status === 'error' ? 'Nothing to show yet.' : 'Simulating in a Web Worker…'}
            </p>
          </main>
        ) : (
          <Suspense
            fallback={
              <main className="scroll">
                <p style={{ padding: 20 }} role="status">
                  Loading the timeline…
                </p>
              </main>
            }
          >
            <RunView tableView={tableView} />
          </Suspense>
        )}
      </div>
      <HelpOverlay />
      <Glossary />
      <PointerRing />
      <ScenarioEditor />
    </div>
  );
}
