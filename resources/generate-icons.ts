/**
 * Writes the packaging icon (resources/icon.png, 512×512) with the same drawing code the tray
 * uses at runtime, so no binary artwork or image package is needed. Run: npx tsx resources/generate-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ringIconPng } from '../src/main/shell/png';

const path = join(import.meta.dirname, 'icon.png');
writeFileSync(path, ringIconPng(512));
console.log(`wrote ${path}`);
