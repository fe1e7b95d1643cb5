/**
 * Where the bridge lives on the web host. Apart from bridge-protocol.ts (which re-exports them)
 * so the browser side can use them without pulling zod into the script every page load parses.
 */
export const BRIDGE_PATH = '/bridge';
export const BRIDGE_SCRIPT_PATH = '/webhost-bridge.js';
