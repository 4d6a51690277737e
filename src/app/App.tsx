import { useState } from 'react';
import { useApp } from './state/store.ts';
import { PRESETS } from '../core/presets/index.ts';
import { Header } from './components/Header.tsx';
import { Transport } from './components/Transport.tsx';
import { Panes } from './components/Panes.tsx';
import { Inspector } from './components/Inspector.tsx';
import { MetricsTable } from './components/MetricsTable.tsx';
import { EventTable } from './components/EventTable.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { ScenarioEditor } from './components/ScenarioEditor.tsx';
import { Notes } from './components/Notes.tsx';

/** The page: header, scenario blurb, transport, panes + inspector, then metrics and the event table. */
export function App() {
  const status = useApp((s) => s.status);
  const error = useApp((s) => s.error);
  const presetId = useApp((s) => s.presetId);
  const notice = useApp((s) => s.notice);
  const tableView = useApp((s) => s.tableView);
  const runVersion = useApp((s) => s.runVersion);
  const preset = PRESETS.find((p) => p.id === presetId);
  const [more, setMore] = useState(false);
  return (
    <div className="app">
      <Header />
      <section aria-label="scenario">
        {error && (
          <p className="banner" role="alert" data-testid="error-banner">
            <b>Could not load that:</b> {error.path ? <code>{error.path}</code> : null} {error.path && error.message.startsWith(`${error.path}: `) ? error.message.slice(error.path.length + 2) : error.message}.
            {error.fallback ? ` ${error.fallback}` : runVersion > 0 ? ' What you had is still shown.' : ''}
            <button className="btn" onClick={() => useApp.getState().set({ error: null })}>Dismiss</button>
          </p>
        )}
        <div className="blurb">
          <span className={`text ${more ? '' : 'clamp'}`}>
            {preset ? (
              <>
                <strong>{preset.title}.</strong> <span>{preset.paragraph}</span>
              </>
            ) : (
              <strong>{notice ?? 'Custom scenario'}</strong>
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
      <div className="main">
        <main className="scroll">
          {runVersion === 0 ? (
            <p style={{ padding: 20 }} role="status">{status === 'error' ? 'Nothing to show yet.' : 'Simulating in a Web Worker…'}</p>
          ) : (
            <>
              <Panes />
              <div className="bottom">
                <h2 style={{ fontSize: 15, margin: '4px 0 8px' }}>Side by side</h2>
                <MetricsTable />
                <div style={{ marginTop: 10 }}>
                  <button className="btn" aria-expanded={tableView} onClick={() => useApp.getState().set({ tableView: !tableView })} data-testid="toggle-table">
                    {tableView ? 'Hide' : 'Show'} the event table (T)
                  </button>
                </div>
                {tableView && <EventTable />}
              </div>
              <Notes />
            </>
          )}
        </main>
        {runVersion > 0 && <Inspector />}
      </div>
      <HelpOverlay />
      <ScenarioEditor />
    </div>
  );
}
