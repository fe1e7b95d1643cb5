import type { Migration } from './migration';

/**
 * The calls, one row per record key, with the columns every filter needs next to the start
 * time so that "newest first" and each filter walk one index (direction and outcome together
 * too: "missed inbound" is the common view); the raw record is kept for export. calls_by_party
 * also carries the outcome and direction, so grouping by number (with those filters) reads the
 * index alone.
 * call_agents files the company identities on each call (SIP user, user name, extension; side
 * 0 = caller, 1 = callee) in time order, so "my calls" and the agent filter are index lookups.
 * It has no index by call: its rows are found again from the call's stored record.
 */
export const SQL = `
CREATE TABLE calls (
  id INTEGER PRIMARY KEY,
  record_key TEXT NOT NULL UNIQUE,
  start_ms INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal')),
  status_class TEXT NOT NULL CHECK (status_class IN ('answered', 'missed', 'busy', 'cancelled', 'failed')),
  status_detail TEXT NOT NULL,
  party_raw TEXT NOT NULL,
  party_display TEXT NOT NULL,
  party_e164 TEXT,
  party_local TEXT NOT NULL,
  party_key TEXT NOT NULL,
  party_is_extension INTEGER NOT NULL,
  party_name TEXT,
  caller_number TEXT NOT NULL,
  caller_name TEXT,
  callee_number TEXT NOT NULL,
  callee_name TEXT,
  agent_number TEXT,
  agent_username TEXT,
  did_number TEXT,
  queue_id TEXT,
  duration_seconds INTEGER NOT NULL,
  talk_seconds INTEGER NOT NULL,
  recording TEXT,
  raw_json TEXT NOT NULL
);
CREATE INDEX calls_by_start ON calls (start_ms);
CREATE INDEX calls_by_direction ON calls (direction, start_ms);
CREATE INDEX calls_by_status ON calls (status_class, start_ms);
CREATE INDEX calls_by_direction_status ON calls (direction, status_class, start_ms);
CREATE INDEX calls_by_party ON calls (party_key, start_ms, status_class, direction);
CREATE INDEX calls_by_queue ON calls (queue_id, start_ms) WHERE queue_id IS NOT NULL;
CREATE INDEX calls_with_recording ON calls (start_ms) WHERE recording IS NOT NULL;

CREATE TABLE call_agents (
  agent TEXT NOT NULL,
  side INTEGER NOT NULL CHECK (side IN (0, 1)),
  start_ms INTEGER NOT NULL,
  call_id INTEGER NOT NULL,
  PRIMARY KEY (agent, start_ms, call_id, side)
) WITHOUT ROWID;
`;

export const migration001: Migration = {
  version: 1,
  name: 'calls',
  up: (db) => db.exec(SQL),
};
