/**
 * Writes the phone's ringtone and call-waiting tone (resources/ringtone.wav, call-waiting.wav)
 * from sound-synthesis.ts; the output is the same on every run. Run: npx tsx resources/generate-sounds.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOUND_FILES, synthesize, wavFile } from './sound-synthesis';

for (const [name, spec] of Object.entries(SOUND_FILES)) {
  const path = join(import.meta.dirname, name);
  writeFileSync(path, wavFile(synthesize(spec)));
  console.log(`wrote ${path}`);
}
