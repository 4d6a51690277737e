import { useApp } from '../state/store.ts';
import { useTeach } from '../state/teach.ts';
import { Panes } from './Panes.tsx';
import { Inspector } from './Inspector.tsx';
import { MetricsTable } from './MetricsTable.tsx';
import { EventTable } from './EventTable.tsx';
import { Notes } from './Notes.tsx';
import { WhatIfBar } from './whatif/WhatIfBar.tsx';
import { ScenarioBuilder } from './builder/ScenarioBuilder.tsx';
import { StepHereMenu } from './builder/StepHereMenu.tsx';

/** Everything that shows a run: the panes, the side-by-side metrics, the event table, the inspector. */
export default function RunView({ tableView }: { tableView: boolean }) {
  // An unanswered question (state/teach.ts) hides the event table: every future row is in it.
  const spoilersHidden = useTeach((s) => s.hidden);
  return (
    <>
      <main className="scroll">
        <ScenarioBuilder />
        <WhatIfBar />
        <Panes />
        <div className="bottom">
          <h2 style={{ fontSize: 15, margin: '4px 0 8px' }}>Side by side</h2>
          <MetricsTable />
          <div style={{ marginTop: 10 }}>
            <button
              className="btn"
              aria-expanded={tableView}
              onClick={() => useApp.getState().toggleTable()}
              data-testid="toggle-table"
            >
              {tableView ? 'Hide' : 'Show'} the event table (T)
            </button>
          </div>
          {tableView && !spoilersHidden && <EventTable />}
        </div>
        <Notes />
      </main>
      <Inspector />
      <StepHereMenu />
    </>
  );
}
