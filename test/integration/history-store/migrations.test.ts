import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { toCallRow } from '../../../src/main/services/history-store/call-row';
import { migrate, schemaVersion } from '../../../src/main/services/history-store/database';
import { openHistoryStore } from '../../../src/main/services/history-store';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/services/history-store/migrations';
import { FIXTURE, key, tempDataDir } from './fixtures';

const data = tempDataDir('history-migrations');
afterAll(() => data.remove());

/** A store file as version 2 of the app left it: calls and sync progress, no search index yet. */
function writeVersion2File(file: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const migrated = migrate(db, MIGRATIONS.slice(0, 2));
  expect(migrated).toEqual({ ok: true, value: 2 });
  const insert = db.prepare(
    `INSERT INTO calls (record_key, start_ms, direction, status_class, status_detail, party_raw, party_display,
       party_e164, party_local, party_key, party_is_extension, party_name, caller_number, caller_name, callee_number,
       callee_name, agent_number, agent_username, did_number, queue_id, duration_seconds, talk_seconds, recording, raw_json)
     VALUES (@recordKey, @startMs, @direction, @statusClass, @statusDetail, @partyRaw, @partyDisplay, @partyE164,
       @partyLocal, @partyKey, @partyIsExtension, @partyName, @callerNumber, @callerName, @calleeNumber, @calleeName,
       @agentNumber, @agentUsername, @didNumber, @queueId, @durationSeconds, @talkSeconds, @recording, @rawJson)`,
  );
  for (const record of FIXTURE) {
    const { agentTokens: _tokens, searchDigits: _digits, searchNames: _names, ...row } = toCallRow(record);
    insert.run({ ...row, partyIsExtension: row.partyIsExtension ? 1 : 0 });
  }
  db.prepare("INSERT INTO sync_meta (key, value) VALUES ('high_water_ms', 123)").run();
  db.close();
}

describe('store migrations', () => {
  it('numbers the steps 1..n, the schema version is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('opens a version-2 file: migrates it, keeps its calls and progress, and indexes them for search', async () => {
    const file = join(data.dir, 'history', 'v2.sqlite');
    writeVersion2File(file);
    const opened = await openHistoryStore({ file });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    const meta = await store.meta();
    expect(meta.ok && meta.value).toMatchObject({ calls: FIXTURE.length, highWaterMs: 123 });
    const found = await store.query({ filters: {}, search: '+84912345678', limit: 10 });
    expect(found.ok && found.value.rows.map((r) => r.key)).toEqual([key('a3'), key('a2'), key('a1')]);
    const byName = await store.query({ filters: {}, search: 'thi lan', limit: 10 });
    expect(byName.ok && byName.value.rows.map((r) => r.key)).toEqual([key('a1')]);
    expect(await store.integrityCheck()).toEqual({ ok: true, value: 'ok' });
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file written by a newer version and leaves it untouched', async () => {
    const file = join(data.dir, 'history', 'future.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const opened = await openHistoryStore({ file });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error.message).toMatch(/newer version/);
    const after = new Database(file, { readonly: true });
    expect(schemaVersion(after)).toBe(SCHEMA_VERSION + 1);
    after.close();
  });

  it('moves an unreadable file aside and starts a new store', async () => {
    const { writeFileSync, readdirSync } = await import('node:fs');
    const folder = join(data.dir, 'broken');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'broken.sqlite');
    writeFileSync(file, 'this is not a database, it is a text file that lost its way'.repeat(100));
    const opened = await openHistoryStore({ file });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.recovered).toBe(true);
    const meta = await opened.value.meta();
    expect(meta.ok && meta.value.calls).toBe(0);
    await opened.value.close();
    expect(readdirSync(folder).some((name) => name.startsWith('broken.sqlite.unreadable-'))).toBe(true);
  });
});
