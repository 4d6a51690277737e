/**
 * Where copied links point. A build made with VITE_PUBLIC_URL (docs/DEPLOY.md) knows its public
 * address, so a link copied from a local preview or a mirror points at the public page rather
 * than at 127.0.0.1; otherwise it is this page's own address. Either way without a fragment and
 * without `embed` (a shared link opens the full page).
 */
export function publicBase(href: string, configured: string | undefined): string {
  let u: URL;
  try {
    u = new URL(configured && configured.trim() ? configured.trim() : href, href);
  } catch {
    u = new URL(href);
  }
  // Only a page address makes sense (a javascript: or data: "public URL" is a configuration error).
  if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'file:') u = new URL(href);
  u.hash = '';
  u.searchParams.delete('embed');
  return u.href;
}

/** The address to share for a link fragment (no '#'). */
export function publicLinkUrl(fragment: string): string {
  return `${publicBase(location.href, import.meta.env.VITE_PUBLIC_URL as string | undefined)}#${fragment}`;
}
