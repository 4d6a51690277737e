import { lazy, Suspense, useState } from 'react';

// The run views (timelines, inspector, tables: d3 and canvas code) load in their own chunk while
// the Worker simulates, so the first paint and the first task stay small.
const RunView = lazy(() => import('./components/RunView.tsx'));
// Lesson mode's panel (and the lesson format's validation it needs) loads only when a lesson opens.
const LessonPanel = lazy(() => import('./components/lesson/LessonPanel.tsx'));
import { useLesson } from './state/lesson.ts';
import { useApp } from './state/store.ts';
import { useRun } from './state/runData.ts';
import { PRESETS } from '../core/presets/index.ts';
import { Header } from './components/Header.tsx';
import { Transport } from './components/Transport.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { ScenarioEditor } from './components/ScenarioEditor.tsx';

/** The page: header, scenario blurb, transport, panes + inspector, then metrics and the event table. */
export function App() {
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const presetId = useApp((s) => s.presetId);
  const notice = useApp((s) => s.notice);
  const tableView = useApp((s) => s.tableView);
  const hasRun = useRun() !== null;
  const lessonOn = useLesson((s) => s.lesson !== null);
  const preset = PRESETS.find((p) => p.id === presetId);
  const [more, setMore] = useState(false);
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
              <strong data-testid="notice">{notice ?? 'Custom scenario'}</strong>
            )}
          </span>
          {preset && (
            <button className="btn" aria-expanded={more} onClick={() => setMore(!more)}>
              {more ? 'less' : 'more'}
            </button>
          )}
        </div>
      </section>
      <section aria-label="playback controls">
        <Transport />
      </section>
      <div className={lessonOn ? 'main with-lesson' : 'main'}>
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
        {lessonOn && (
          <Suspense fallback={null}>
            <LessonPanel />
          </Suspense>
        )}
      </div>
      <HelpOverlay />
      <ScenarioEditor />
    </div>
  );
}
