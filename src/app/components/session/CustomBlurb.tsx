/**
 * The blurb of a scenario that is no preset (edited, imported or from a link): where it came
 * from (the notice, e.g. the sender's note), then the scenario's own name and description, so
 * whoever opens a link reads what its author wrote. All of it is text: React escapes it, and no
 * HTML is ever built from scenario or link text.
 */
export function CustomBlurb({
  notice,
  scenario,
}: {
  notice: string | null;
  scenario?: { name?: unknown; description?: unknown };
}) {
  const name = typeof scenario?.name === 'string' && scenario.name.trim() ? scenario.name : null;
  const description = typeof scenario?.description === 'string' ? scenario.description : null;
  return (
    <>
      {notice && <em data-testid="notice">{notice}</em>}
      {notice && (name || description) ? '. ' : null}
      {(name || description) && (
        <span data-testid="scenario-blurb">
          {name && <strong data-testid="scenario-name">{name}.</strong>}{' '}
          {description && <span data-testid="scenario-description">{description}</span>}
        </span>
      )}
      {!notice && !name && !description && <strong data-testid="notice">Custom scenario</strong>}
    </>
  );
}
