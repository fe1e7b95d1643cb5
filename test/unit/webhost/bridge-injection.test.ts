import { describe, expect, it } from 'vitest';
import { injectBridgeScript } from '../../../src/webhost/static-files';

describe('where the bridge script goes in the page', () => {
  it("goes after the page's first classic script and in front of the app's first module script", () => {
    const html =
      '<html><head></head><body><form></form><script src="./assets/early-start.js"></script>' +
      '<script type="module" src="./assets/app.js"></script></body></html>';
    const served = injectBridgeScript(html);
    const early = served.indexOf('early-start.js');
    const bridge = served.indexOf('<script src="/webhost-bridge.js"></script>');
    const app = served.indexOf('<script type="module" src="./assets/app.js">');
    expect(early).toBeGreaterThan(-1);
    expect(bridge).toBeGreaterThan(early);
    expect(app).toBeGreaterThan(bridge);
  });

  it('goes in front of the first script when there is no module script', () => {
    expect(injectBridgeScript('<head><script src="/a.js"></script></head>')).toBe(
      '<head><script src="/webhost-bridge.js"></script>\n    <script src="/a.js"></script></head>',
    );
  });
});
