/**
 * Domain types of the AntBuddy Open API, named as the vendor names them on the wire so the
 * vendor document stays the reference. Every object keeps fields the app does not know
 * (the index signatures), because the vendor documents its responses only loosely.
 */

/** Where and as whom to call the API. Read through a getter so changed settings apply at once. */
export interface ApiConfig {
  readonly baseUrl: string;
  readonly appId: string;
  readonly appSecret: string;
  /** The company's AntBuddy domain (dashboard, queues, agents). */
  readonly domain: string;
  /** A company e-mail address (dashboard, queues, agents). */
  readonly email: string;
}

export interface AuthToken {
  readonly token: string;
  /** `expire` exactly as the server sent it; its unit is undocumented. */
  readonly expire: string | number;
  /** Our reading of `expire` (see parseExpire for the heuristic). */
  readonly expiresAt: Date;
}

export interface SipDevice {
  readonly sipUser: string;
  readonly sipPassword: string;
}

export interface RecordingUrl {
  readonly url: string;
  /** When the signed URL stops working, read from its query; absent when the URL does not say. */
  readonly expiresAt?: Date;
}

export type PartyType = 'realnumber' | 'user' | (string & {});
export type CallClass = 'one_one' | 'trunking' | (string & {});
export type CallDirection = 'from_ab' | 'to_ab' | (string & {});
export type CallStatusDetail = 'IVR' | 'SUCCESS' | 'CANCELLED' | 'BUSY' | 'UNSUCCESS' | (string & {});

export interface CallParty {
  number: string;
  type: PartyType;
  username?: string;
  [key: string]: unknown;
}

/** Documented fields are all optional and may be null (e.g. no agent while still waiting). */
export interface QueueStat {
  call_id?: string | null;
  queue_id?: string | null;
  wait_time?: number | null;
  talk_time?: number | null;
  status?: string | null;
  agent_id?: string | null;
  username?: string | null;
  [key: string]: unknown;
}

export interface CallRecord {
  caller: CallParty;
  callee: CallParty;
  class: CallClass;
  /** Company DID; null for internal and outbound calls. */
  did_number: string | null;
  direction: CallDirection;
  status_detail: CallStatusDetail;
  duration_seconds: number;
  /** Unix seconds. */
  unix_timestamp: number;
  /** Talk time in seconds. */
  billing_seconds: number;
  /** Recording file name for getRecordingUrl; empty when there is none. */
  recording: string;
  queue_stat: QueueStat[];
  [key: string]: unknown;
}

export interface HistoryQuery {
  readonly from: Date;
  readonly to: Date;
  /** 1..100 records per page. */
  readonly limit: number;
  /** 1-based. */
  readonly page: number;
}

export interface HistoryPage {
  readonly records: CallRecord[];
  readonly page: number;
  readonly limit: number;
}

export interface Agent {
  anttel: { userId: string; [key: string]: unknown };
  username: string;
  name: string;
  /** Internal extensions. */
  ext: string[];
  [key: string]: unknown;
}

export interface Queue {
  /** Present when the server sends one (`id`, `_id` or `queue_id`). */
  id?: string;
  name: string;
  /** Agent ids (anttel.userId). */
  agents: string[];
  [key: string]: unknown;
}

export interface AgentStatusDetail {
  agent_id: string;
  status: string;
  username?: string;
  name?: string;
  unix_timestamp?: number;
  idle_time?: number;
  [key: string]: unknown;
}

export interface DashboardAgents {
  ready: number;
  logged_out: number;
  wrapup: number;
  logged_in: number;
  connected: number;
  paused: number;
  /** Agents not listed here are logged out. */
  status_details: AgentStatusDetail[];
  [key: string]: unknown;
}

export interface DashboardQueue {
  abandoned: number;
  offered: number;
  handled: number;
  avg_waiting: number;
  max_waiting: number;
  avg_talking: number;
  received: number;
  status_details: unknown[];
  waiting_call_logs: unknown[];
  [key: string]: unknown;
}

export interface Dashboard {
  agent: DashboardAgents;
  queue: DashboardQueue;
  [key: string]: unknown;
}
