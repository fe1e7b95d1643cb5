import { extname } from 'node:path';

const MAX_NAME_LENGTH = 120;
/** Names Windows reserves whatever the extension (`NUL.wav` opens the null device). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** Letters and digits of any script, and a few safe marks; everything else becomes `_`. */
function clean(name: string): string {
  const safe = name
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const limited = safe.length > MAX_NAME_LENGTH ? safe.slice(safe.length - MAX_NAME_LENGTH) : safe;
  return WINDOWS_RESERVED.test(limited) ? `_${limited}` : limited;
}

/**
 * The file name a recording is saved under in the data folder's `recordings/`: the name the
 * page chose (already checked to be a plain name) with the recording's extension added when it
 * has none, else the recording's own name. The recording name comes from the server's history,
 * so only its last segment is used and anything that is not plainly a file name is replaced.
 */
export function recordingFileName(media: string, chosen?: string): string {
  const own = clean(media.split(/[/\\]/).pop() ?? '');
  const extension = extname(own);
  if (chosen !== undefined) {
    const name = clean(chosen);
    if (name !== '') return extname(name) === '' && extension !== '' ? `${name}${extension}` : name;
  }
  return own === '' || own === extension ? `recording${extension}` : own;
}
