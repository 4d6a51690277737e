import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The page's Content-Security-Policy, as a `<meta http-equiv>` written first in <head> (so it
 * governs every script after it, including the ones Vite injects), in dev and in the build alike.
 *
 * Scripts: 'self' only, never 'unsafe-inline' or 'unsafe-eval'. The only inline script is the
 * React plugin's dev preamble (Fast Refresh): dev allows it by its sha256 hash, computed here
 * from the served HTML, so a changed preamble is still allowed and nothing else inline is. The
 * build has no inline script at all.
 * Styles: 'unsafe-inline' (style-src only): React writes `style` attributes and Vite's dev server
 * injects CSS as <style> elements; style cannot run code.
 * Workers: 'self' and blob: (the simulation Worker is a module script of this origin).
 * No frame-ancestors: a <meta> CSP cannot carry it (browsers ignore it there with a console
 * error), and the page is meant to be embedded (?embed=1) anywhere.
 */
export function cspDirectives(inlineScriptHashes: readonly string[]): string {
  const scripts = ["'self'", ...inlineScriptHashes.map((h) => `'sha256-${h}'`)].join(' ');
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Inline (no src) <script> bodies of an HTML page. */
export function inlineScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi))
    if (!/\bsrc\s*=/.test(m[1] ?? '')) out.push(m[2] ?? '');
  return out;
}

export function cspPlugin(): Plugin {
  return {
    name: 'msix-lab:csp',
    transformIndexHtml: {
      // After every other plugin (React's preamble, Vite's client, the PWA's register script).
      order: 'post',
      handler(html) {
        const hashes = inlineScripts(html).map((s) => createHash('sha256').update(s, 'utf8').digest('base64'));
        const meta = `<meta http-equiv="Content-Security-Policy" content="${cspDirectives(hashes)}" />`;
        // First in <head>, after <meta charset> (which must lead), before any script: a <meta> CSP
        // governs only what follows it, and the dev server prepends React's preamble.
        const charset = /\s*<meta charset="[^"]*"\s*\/?>/i;
        const cs = charset.exec(html)?.[0].trim() ?? '<meta charset="UTF-8" />';
        return html.replace(charset, '').replace(/<head>/i, `<head>\n    ${cs}\n    ${meta}`);
      },
    },
  };
}
