import { BRIDGE_SCRIPT_PATH } from './bridge-protocol';

/**
 * Puts the bridge script in front of the app's first module script. It is a classic script, so
 * the browser runs it while parsing, before any module script: `window.antring` exists when the
 * app starts, and the renderer needs no web-host code path. After any classic script before
 * that (the page's first script, which makes the frame's dial field work): it needs no bridge,
 * and must not wait for it.
 */
export function injectBridgeScript(html: string): string {
  const tag = `<script src="${BRIDGE_SCRIPT_PATH}"></script>`;
  const firstModule = html.search(/<script\b[^>]*\btype="module"/i);
  const firstScript = firstModule >= 0 ? firstModule : html.search(/<script\b/i);
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`;
  return `${tag}\n${html}`;
}
