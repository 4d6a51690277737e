import type { Scenario } from '../scenario/schema.ts';

/** A named scenario with a stable id and a paragraph citing the seed thread it comes from. */
export interface Preset {
  id: string;
  title: string;
  paragraph: string;
  scenario: Scenario;
}
