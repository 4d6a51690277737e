import { useEffect, useRef } from 'react';
import { useApp } from '../state/store.ts';
import { LAYOUT_SHORTCUTS } from '../layoutKeys.ts';
import { ShortcutSetting } from './layout/ShortcutSetting.tsx';

export const SHORTCUTS: [string, string][] = [
  ['Space', 'play / pause'],
  ['← / →', 'previous / next event'],
  ['L / Shift+L', 'next / previous lost interrupt (and explain it)'],
  ['W / S or + / −', 'zoom in / out around the cursor'],
  ['A / D', 'pan left / right'],
  ['0', 'show the whole run'],
  ['Home / End', 'cursor to the start / end'],
  ['T', 'show or hide the event table'],
  ['E', 'edit the scenario JSON'],
  ...LAYOUT_SHORTCUTS,
  ['?', 'this help'],
  ['Esc', 'close dialogs, clear the selection'],
  ['Ctrl/⌘ + wheel, drag', 'zoom, pan (Shift + wheel pans too)'],
  ['PageDown / PageUp', 'in a lesson: next / previous step (→ / ← too; a presentation remote sends these)'],
];

export function HelpOverlay() {
  const open = useApp((s) => s.helpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby="help-title" onClose={() => useApp.getState().closeHelp()} data-testid="help">
      <h2 id="help-title" style={{ marginTop: 0 }}>
        Keyboard shortcuts
      </h2>
      <table>
        <tbody>
          {SHORTCUTS.map(([k, v]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Reading a pane</h3>
      <p>
        Each pane is one policy over the same scenario and the same device traffic. Top lane: the guest driver's
        operations. Next: the host's physical MSI-X Enable (green on, red while the host has it off and the guest is
        using it) and its allocated / requested IRQ counts. Then one row per vector: the guest's table entry (hatched =
        masked, amber = pending, thin line = data ≠ 0) above a strip for the host IRQ behind it. Marks are interrupts:
        green delivered, amber held then delivered, grey coalesced, red ✕ lost.
      </p>
      <div style={{ textAlign: 'right' }}>
        <button className="btn primary" onClick={() => useApp.getState().closeHelp()}>
          Close
        </button>
      </div>
      {/* After Close: the dialog opens with focus on Close, its first control. */}
      <ShortcutSetting />
    </dialog>
  );
}
