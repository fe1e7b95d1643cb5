#!/usr/bin/env node
// The `antring` command: the built CLI (npm run build → out/main/cli.js).
import '../out/main/cli.js';
