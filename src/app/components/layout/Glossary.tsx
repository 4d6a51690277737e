import { useEffect, useRef } from 'react';
import { GLOSSARY } from '../../a11y/glossary.ts';
import { useLayout } from '../../state/layoutPrefs.ts';

/** The glossary dialog (key G, or the Glossary button): every term the page uses, defined. */
export function Glossary() {
  const open = useLayout((s) => s.glossaryOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="glossary-title"
      onClose={() => useLayout.getState().closeGlossary()}
      data-testid="glossary"
    >
      <h2 id="glossary-title" style={{ marginTop: 0 }}>
        Glossary
      </h2>
      <dl className="glossary">
        {GLOSSARY.map((g) => (
          <div key={g.term}>
            <dt>
              {g.term}
              {g.aka?.length ? <span className="aka"> ({g.aka.join(', ')})</span> : null}
            </dt>
            <dd>{g.text}</dd>
          </div>
        ))}
      </dl>
      <div style={{ textAlign: 'right' }}>
        <button className="btn primary" onClick={() => useLayout.getState().closeGlossary()}>
          Close
        </button>
      </div>
    </dialog>
  );
}
