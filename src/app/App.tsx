import { lazy, Suspense, useEffect, useRef, useState } from 'react';

// The run views (timelines, inspector, tables: d3 and canvas code) load in their own chunk while
// the Worker simulates, so the first paint and the first task stay small.
// The request starts now, at boot (not when React first renders it after the Worker answered).
const loadRunView = () => import('./components/RunView.tsx');
const runViewChunk = loadRunView();
const RunView = lazy(() => runViewChunk.catch(loadRunView));
// The sweep panel (issue 8) loads in its own chunk when first opened (state/panels.ts).
const SweepPanel = lazy(() => import('./components/sweep/SweepPanel.tsx'));
// Practice (issue 9): its panel and its store (questions, grading) load only when it starts.
const PracticePanel = lazy(async () => {
  const [{ default: Panel }, { usePractice }] = await Promise.all([
    import('./components/practice/PracticePanel.tsx'),
    import('./state/practice.ts'),
  ]);
  function PracticeWhenActive() {
    return usePractice((s) => s.active) ? <Panel /> : null;
  }
  return { default: PracticeWhenActive };
});
// The dialogs load when first opened (E, the Scenario menu, ?, G): the first chunk stays small.
const ScenarioEditor = lazy(() =>
  import('./components/ScenarioEditor.tsx').then((m) => ({ default: m.ScenarioEditor })),
);
const HelpOverlay = lazy(() => import('./components/HelpOverlay.tsx').then((m) => ({ default: m.HelpOverlay })));
const Glossary = lazy(() => import('./components/layout/Glossary.tsx').then((m) => ({ default: m.Glossary })));
// Lesson mode's panel (and the lesson format's validation it needs) loads only when a lesson opens.
const LessonPanel = lazy(() => import('./components/lesson/LessonPanel.tsx'));
import { useLesson } from './state/lesson.ts';
import { useApp } from './state/store.ts';
import { useRun } from './state/runData.ts';
import { PRESETS } from '../core/presets/index.ts';
import { Header } from './components/Header.tsx';
import { Transport } from './components/Transport.tsx';
import { ImportDialog } from './components/import/ImportDialog.tsx';
import { openSweep, sweepFlagged, usePanels } from './state/panels.ts';
import { useLayout } from './state/layoutPrefs.ts';
import { SessionToast } from './components/session/SessionToast.tsx';
import { CustomBlurb } from './components/session/CustomBlurb.tsx';
import { NavBar } from './components/layout/NavBar.tsx';
import { PointerRing } from './components/layout/PointerRing.tsx';

/** The page: header, scenario blurb, transport, panes + inspector, then metrics and the event table. */
export function App() {
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const presetId = useApp((s) => s.presetId);
  const notice = useApp((s) => s.notice);
  const tableView = useApp((s) => s.tableView);
  const run = useRun();
  const hasRun = run !== null;
  const lessonOn = useLesson((s) => s.lesson !== null);
  const preset = PRESETS.find((p) => p.id === presetId);
  const [more, setMore] = useState(false);
  const sweepLoaded = usePanels((s) => s.sweep);
  const practiceLoaded = usePanels((s) => s.practice);
  const editorUsed = useEver(useApp((s) => s.editorOpen));
  const helpUsed = useEver(useApp((s) => s.helpOpen));
  const glossaryUsed = useEver(useLayout((s) => s.glossaryOpen));
  // `?sweep` in the URL opens the sweep panel once the first run is on screen.
  useEffect(() => {
    if (hasRun && sweepFlagged()) void openSweep(true);
  }, [hasRun]);
  return (
    <div className="app">
      <Header />
      {practiceLoaded && (
        <Suspense fallback={<p role="status">Loading practice…</p>}>
          <PracticePanel />
        </Suspense>
      )}
      <section aria-label="scenario">
        <SessionToast />
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
              <CustomBlurb notice={notice} scenario={run?.scenario} />
            )}
          </span>
          {(preset || typeof run?.scenario.description === 'string') && (
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
      <Suspense fallback={null}>
        {helpUsed && <HelpOverlay />}
        {glossaryUsed && <Glossary />}
        {editorUsed && <ScenarioEditor />}
      </Suspense>
      <PointerRing />
      <ImportDialog />
      {sweepLoaded && (
        <Suspense fallback={null}>
          <SweepPanel />
        </Suspense>
      )}
    </div>
  );
}

/** True from the first render where `flag` was true on (a lazily loaded dialog stays mounted once opened). */
function useEver(flag: boolean): boolean {
  const ever = useRef(false);
  if (flag) ever.current = true;
  return ever.current;
}
