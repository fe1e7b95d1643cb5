import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';

/**
 * Reads a file of the built renderer for a host that serves it. The path comes from
 * resolveStaticPath (static-path.ts), which keeps it inside `root` as written; a symbolic
 * link could still lead out, so the file's real location must be inside the real `root` too.
 * Directories, links leading out and missing files all read as null ("not found").
 */
export async function readFileInside(root: string, path: string): Promise<Buffer | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(path)]);
    const rootWithSep = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
    if (!realFile.startsWith(rootWithSep)) return null;
    const info = await stat(realFile);
    if (!info.isFile()) return null;
    return await readFile(realFile);
  } catch {
    return null;
  }
}
