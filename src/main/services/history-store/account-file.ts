import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * One store file per AntBuddy account, so two companies' calls never share a file: the name
 * is a hash of the app id and the company domain (neither is secret, but a hash keeps the
 * folder free of customer identifiers and of characters file systems dislike).
 */
export function accountKey(appId: string, companyDomain: string): string {
  return createHash('sha256')
    .update(`${appId.trim()}\n${companyDomain.trim().toLowerCase()}`, 'utf8')
    .digest('hex')
    .slice(0, 32);
}

export function historyFolder(dataDir: string): string {
  return join(dataDir, 'history');
}

export function accountStoreFile(dataDir: string, appId: string, companyDomain: string): string {
  return join(historyFolder(dataDir), `${accountKey(appId, companyDomain)}.sqlite`);
}
