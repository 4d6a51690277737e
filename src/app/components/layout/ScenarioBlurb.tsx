import { useMemo } from 'react';
import { useApp } from '../../state/store.ts';

/** A scenario's own `name` and `description` (docs/SCENARIO.md), read from its JSON text; {} if absent or unreadable. */
export function scenarioMeta(text: string): { name?: string; description?: string } {
  try {
    const s = JSON.parse(text) as unknown;
    if (!s || typeof s !== 'object') return {};
    const { name, description } = s as { name?: unknown; description?: unknown };
    return {
      ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}),
      ...(typeof description === 'string' && description.trim() ? { description: description.trim() } : {}),
    };
  } catch {
    return {};
  }
}

export function useScenarioMeta(): { name?: string; description?: string } {
  const text = useApp((s) => s.scenarioText);
  return useMemo(() => scenarioMeta(text), [text]);
}

/** For a scenario that is not a preset: its name and description, as a preset shows its title and paragraph (issue 9 bug). */
export function ScenarioBlurb() {
  const meta = useScenarioMeta();
  const notice = useApp((s) => s.notice);
  // A link's notice may already carry the name ("Scenario from a shared link: …"): say it once.
  const name = meta.name && !notice?.includes(meta.name) ? meta.name : undefined;
  const description = meta.description;
  if (!name && !description) return null;
  return (
    <span data-testid="scenario-blurb">
      {' '}
      {name && <strong>{name}.</strong>} {description && <span>{description}</span>}
    </span>
  );
}
