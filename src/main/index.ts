// Electron entry: wiring only (filled in by the shell work).
export {};
