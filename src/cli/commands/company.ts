import type { AppError, AppResult } from '../../shared/errors';
import { ok, type Result } from '../../shared/result';
import type { Agent, AntBuddyClient, Dashboard, Queue } from '../../main/services/api';
import { reportError, settingsWithWarnings, type CliContext } from '../context';
import { API_COMMAND_EXIT_CODES, EXIT } from '../exit-codes';
import { requireSettings } from '../settings-check';
import { formatTable } from '../text-table';
import { flag, parseRaw } from '../usage';
import { defineCommand, SETTINGS_NOTE, type Command } from './command';

export interface CompanyArgs {
  readonly json: boolean;
}

export function parseCompanyArgs(name: string, argv: readonly string[]): Result<CompanyArgs, AppError> {
  const raw = parseRaw(name, argv, { json: { type: 'boolean' } }, { min: 0, max: 0, names: '' });
  if (!raw.ok) return raw;
  return ok({ json: flag(raw.value, 'json') });
}

const num = (value: unknown): string => (typeof value === 'number' || typeof value === 'string' ? String(value) : '');

function localTime(unixSeconds: number | undefined): string {
  if (unixSeconds === undefined) return '';
  const d = new Date(unixSeconds * 1000);
  return Number.isFinite(d.getTime()) ? d.toLocaleString('sv-SE') : '';
}

export function dashboardText(dashboard: Dashboard): string {
  const a = dashboard.agent;
  const q = dashboard.queue;
  const counts = formatTable(
    ['AGENTS', 'READY', 'CONNECTED', 'WRAPUP', 'PAUSED', 'LOGGED_IN', 'LOGGED_OUT'],
    [['', num(a.ready), num(a.connected), num(a.wrapup), num(a.paused), num(a.logged_in), num(a.logged_out)]],
  );
  const queue = formatTable(
    ['QUEUES', 'RECEIVED', 'OFFERED', 'HANDLED', 'ABANDONED', 'AVG_WAIT', 'MAX_WAIT', 'AVG_TALK'],
    [
      [
        '',
        num(q.received),
        num(q.offered),
        num(q.handled),
        num(q.abandoned),
        num(q.avg_waiting),
        num(q.max_waiting),
        num(q.avg_talking),
      ],
    ],
  );
  const details = formatTable(
    ['AGENT', 'NAME', 'STATUS', 'SINCE'],
    a.status_details.map((d) => [d.username ?? d.agent_id, d.name ?? '', d.status, localTime(d.unix_timestamp)]),
  );
  return `${counts}\n${queue}\n${details}`;
}

export function queuesText(queues: readonly Queue[]): string {
  return formatTable(
    ['QUEUE', 'ID', 'AGENTS'],
    queues.map((q) => [q.name, q.id ?? '', String(q.agents.length)]),
  );
}

export function agentsText(agents: readonly Agent[]): string {
  return formatTable(
    ['USERNAME', 'NAME', 'EXTENSIONS', 'ID'],
    agents.map((a) => [a.username, a.name, a.ext.join(','), a.anttel.userId]),
  );
}

interface CompanyEndpoint<T> {
  readonly name: 'dashboard' | 'queues' | 'agents';
  readonly route: string;
  readonly summary: string;
  readonly what: string;
  fetch(client: AntBuddyClient): Promise<AppResult<T>>;
  text(value: T): string;
}

export function runCompany<T>(endpoint: CompanyEndpoint<T>) {
  return async (ctx: CliContext, args: CompanyArgs): Promise<number> => {
    const settings = await settingsWithWarnings(ctx);
    const ready = requireSettings(settings, ['apiBaseUrl', 'appId', 'appSecret', 'companyDomain', 'companyEmail']);
    if (!ready.ok) return reportError(ctx, ready.error);
    const { client, raw } = ctx.openApi(settings);
    const result = await endpoint.fetch(client);
    if (!result.ok) return reportError(ctx, result.error);
    if (args.json) {
      // The answer as AntBuddy sent it (validated above), compacted to one line.
      const body = raw.take(endpoint.route);
      let line: string;
      try {
        line = body !== undefined ? JSON.stringify(JSON.parse(body)) : JSON.stringify(result.value);
      } catch {
        line = JSON.stringify(result.value);
      }
      await ctx.io.stdout.write(`${line}\n`);
    } else {
      await ctx.io.stdout.write(endpoint.text(result.value));
    }
    return EXIT.ok;
  };
}

function companyCommand<T>(endpoint: CompanyEndpoint<T>): Command {
  return defineCommand({
    name: endpoint.name,
    summary: endpoint.summary,
    help: `Usage: antring ${endpoint.name} [--json]

Shows ${endpoint.what} as a table. With --json, prints AntBuddy's JSON answer
as received, on one line.

Needs: apiBaseUrl, appId, appSecret, companyDomain (ANTRING_DOMAIN), companyEmail (ANTRING_EMAIL).
${SETTINGS_NOTE}`,
    exitCodes: API_COMMAND_EXIT_CODES,
    parse: (argv) => parseCompanyArgs(endpoint.name, argv),
    run: runCompany(endpoint),
  });
}

export const dashboardCommand = companyCommand<Dashboard>({
  name: 'dashboard',
  route: '/oapi/v1/call/dashboard',
  summary: 'live agent and queue counters',
  what: 'the live dashboard (agent counts by status, queue statistics, agent statuses)',
  fetch: (client) => client.getDashboard(),
  text: dashboardText,
});

export const queuesCommand = companyCommand<Queue[]>({
  name: 'queues',
  route: '/oapi/v1/queues',
  summary: 'list the call queues',
  what: 'the call queues and how many agents each has',
  fetch: (client) => client.getQueues(),
  text: queuesText,
});

export const agentsCommand = companyCommand<Agent[]>({
  name: 'agents',
  route: '/oapi/v1/agents',
  summary: 'list the agents',
  what: 'the agents (username, name, extensions, id)',
  fetch: (client) => client.getAgents(),
  text: agentsText,
});
