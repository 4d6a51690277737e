import { encodeLink } from '../core/share/index.ts';
import { currentShare } from './sim/runner.ts';

/**
 * `?embed=1`: the page shows only the timeline panes and the transport (for course pages and
 * slides, usually in an iframe), with a link back to the full page at the same scenario and view.
 */
export function isEmbed(search: string = location.search): boolean {
  return new URLSearchParams(search).get('embed') === '1';
}

/** This page's address without `embed`, at `fragment` (no '#'). */
export function fullPageUrl(href: string, fragment: string): string {
  const u = new URL(href);
  u.searchParams.delete('embed');
  u.hash = fragment;
  return u.href;
}

/** The full page at what the embed shows now (scenario, policies, cursor, window, selection). */
export function fullPageUrlNow(): string {
  let frag = location.hash.slice(1);
  try {
    frag = encodeLink(currentShare(true));
  } catch {
    /* no run yet, or a scenario too large for a link: the address's own fragment */
  }
  return fullPageUrl(location.href, frag);
}
