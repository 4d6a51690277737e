import { useRun } from '../../state/runData.ts';
import { useLayout } from '../../state/layoutPrefs.ts';
import { navStep, toggleScope } from '../../nav/nav.ts';
import { SheetToggle } from './SheetToggle.tsx';
import { NAV_KIND_LABEL, NAV_KINDS, type NavKind } from '../../nav/kinds.ts';

/**
 * Next/previous by kind (loss, resize window, failure ▲, guest operation), in every pane or one,
 * and the presentation button (and, in presentation mode, the glossary's). Keys: , . [ ] \ P G (help lists them).
 */
export function NavBar() {
  const kind = useLayout((s) => s.navKind);
  const scope = useLayout((s) => s.navScope);
  const present = useLayout((s) => s.present);
  const run = useRun();
  const scopeName = scope !== null && run ? run.runs[scope]?.policy : undefined;
  return (
    <div className="navbar" role="toolbar" aria-label="navigate by kind" data-testid="navbar">
      <div className="field">
        <label htmlFor="nav-kind">step through</label>
        <select
          id="nav-kind"
          className="btn"
          value={kind}
          onChange={(e) => useLayout.getState().setNavKind(e.target.value as NavKind)}
          data-testid="nav-kind"
        >
          {NAV_KINDS.map((k) => (
            <option key={k} value={k}>
              {NAV_KIND_LABEL[k]}s
            </option>
          ))}
        </select>
      </div>
      <button
        className="btn"
        onClick={() => navStep(-1)}
        title="Previous of this kind (,)"
        aria-label={`previous ${NAV_KIND_LABEL[kind]}`}
        data-testid="nav-prev"
      >
        ‹<span className="nav-word"> previous</span>
      </button>
      <button
        className="btn"
        onClick={() => navStep(1)}
        title="Next of this kind (.)"
        aria-label={`next ${NAV_KIND_LABEL[kind]}`}
        data-testid="nav-next"
      >
        <span className="nav-word">next </span>›
      </button>
      <button
        className="btn"
        aria-pressed={scope !== null}
        onClick={() => toggleScope()}
        title="Step through every pane, or only the selected one (\)"
        data-testid="nav-scope"
      >
        {scopeName ? `only ${scopeName}` : 'all panes'}
      </button>
      <span className="spacer" />
      <SheetToggle />
      {/* In presentation mode only (the header, hidden then, has it in its Learn menu). */}
      <button
        className="btn glossary-btn"
        onClick={() => useLayout.getState().openGlossary()}
        title="What the jargon means (G)"
        data-testid="glossary-open"
      >
        Glossary
      </button>
      <button
        className="btn"
        aria-pressed={present}
        onClick={() => useLayout.getState().togglePresent()}
        title="Presentation mode: large type, panes fitted to the screen, pointer highlight (P)"
        data-testid="present"
      >
        {present ? 'Exit presentation' : 'Present'}
      </button>
    </div>
  );
}
