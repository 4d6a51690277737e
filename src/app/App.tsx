import { useEffect, useState } from 'react';
import { sim } from './sim/client.ts';
import type { RunResponse } from '../worker/protocol.ts';
import { defaultPreset } from '../core/presets/default.ts';

const POLICIES = ['data-hack', 'single-vector', 'teardown-setup', 'dynamic-alloc'];

export function App() {
  const [res, setRes] = useState<RunResponse | null>(null);
  useEffect(() => {
    let live = true;
    void sim()
      .run({ scenarioText: JSON.stringify(defaultPreset.scenario), policies: POLICIES })
      .then((r) => live && setRes(r));
    return () => {
      live = false;
    };
  }, []);
  return (
    <main>
      <h1>msix-lab</h1>
      {!res && <p>Simulating the default scenario in a Web Worker…</p>}
      {res && !res.ok && <p role="alert">{res.message}</p>}
      {res && res.ok && (
        <table data-testid="metrics">
          <thead>
            <tr>
              <th>metric</th>
              {res.runs.map((r) => (
                <th key={r.policy}>{r.policy}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(['raised', 'delivered', 'lost', 'resizes', 'hostVectorsPeak'] as const).map((k) => (
              <tr key={k}>
                <td>{k}</td>
                {res.runs.map((r) => (
                  <td key={r.policy}>{r.metrics[k]}</td>
                ))}
              </tr>
            ))}
            <tr>
              <td>hash</td>
              {res.runs.map((r) => (
                <td key={r.policy} data-testid={`hash-${r.policy}`}>
                  {r.hash}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </main>
  );
}
