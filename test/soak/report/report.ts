import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, round } from '../../../bench/stats';
import type { CallsReport } from '../checks/calls';
import type { ErrorsVerdict } from '../checks/errors';
import type { HistoryComparison } from '../checks/history';
import type { MemoryVerdict } from '../checks/memory';
import { tokenStorms } from '../checks/tokens';
import type { DayRecord } from '../harness/day';
import type { FaultRun } from '../harness/faults';
import type { LoggedLine } from '../harness/log-capture';
import { simClock, speedOf, type Scenario } from '../scenario/scenario';
import { renderChart } from './svg';

/**
 * The soak's report: one table on stdout, the whole evidence as JSON in bench/results/
 * (soak-<date>.json for a day, soak-hour-<date>.json for the short form) and the chart next
 * to it (.svg). Every check lists its problems; the run fails when any check has one.
 */

export const RECOVERY_PROMISE_MS = 30_000;
export interface Check {
  readonly name: string;
  readonly problems: readonly string[];
}

export interface Evidence {
  readonly scenario: Scenario;
  readonly scenarioSource: string;
  readonly day: DayRecord;
  readonly calls: CallsReport;
  readonly history: HistoryComparison;
  readonly settleProblems: readonly string[];
  readonly memory: MemoryVerdict;
  readonly errors: ErrorsVerdict;
  readonly secrets: {
    readonly found: number;
    readonly linesScanned: number;
    readonly known: number;
    readonly examples: readonly string[];
  };
  readonly wall: {
    readonly setupMs: number;
    readonly dayMs: number;
    readonly settleMs: number;
    readonly totalMs: number;
  };
  /** Everything logged, for the lines that explain a slow recovery. */
  readonly logLines: readonly LoggedLine[];
}

/** A slow recovery comes with what the host logged meanwhile, so it can be understood from the JSON alone. */
const EXPLAIN_SLOWER_THAN_MS = 5_000;

function hostLogDuring(lines: readonly LoggedLine[], fault: FaultRun): string[] {
  const until = fault.liftAt + (fault.recoveryMs ?? 60_000) + 1_000;
  return lines
    .filter((l) => l.source === 'host-log' && l.at >= fault.startedAt && l.at <= until)
    .slice(0, 15)
    .map((l) => l.text.slice(0, 240));
}

interface Stat {
  readonly n: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

function stat(values: readonly number[]): Stat {
  if (values.length === 0) return { n: 0, medianMs: Number.NaN, p95Ms: Number.NaN, maxMs: Number.NaN };
  return {
    n: values.length,
    medianMs: round(percentile(values, 50), 0),
    p95Ms: round(percentile(values, 95), 0),
    maxMs: round(Math.max(...values), 0),
  };
}

export function checksOf(evidence: Evidence): Check[] {
  const { calls, history, day, scenario } = evidence;
  const recovered = day.faults.flatMap((f) =>
    f.recoveryMs === undefined
      ? [`${f.id} ${f.kind} at ${simClock(scenario, f.scheduledAt)}: not whole again (${f.notes.join('; ')})`]
      : f.recoveryMs > RECOVERY_PROMISE_MS
        ? [
            `${f.id} ${f.kind} at ${simClock(scenario, f.scheduledAt)}: whole again after ${round(f.recoveryMs / 1000)} s`,
          ]
        : [],
  );
  const storms = tokenStorms(day.faults);
  const totalCalls = scenario.desk.length + scenario.others.length;
  const dayShape =
    scenario.name === 'day' && (totalCalls < 1_000 || scenario.faults.length < 50)
      ? [`a day needs at least 1,000 calls and 50 faults; this one has ${totalCalls} and ${scenario.faults.length}`]
      : [];
  const notStarted = day.others
    .filter((o) => o.error !== undefined)
    .map((o) => `${o.id} did not start: ${o.error ?? ''}`);
  return [
    {
      name: 'each call that rang this agent: popped once while heard, listed as missed when not',
      problems: [...calls.verdicts.flatMap((v) => v.problems.map((p) => `${v.callId}: ${p}`)), ...calls.problems],
    },
    {
      name: "the app's history store equals the sandbox's history",
      problems: [
        ...evidence.settleProblems,
        ...(history.problem ? [history.problem] : []),
        ...(history.missing.length > 0
          ? [`${history.missing.length} missing: ${history.missing.slice(0, 8).join(', ')}`]
          : []),
        ...(history.extra.length > 0
          ? [`${history.extra.length} not in the sandbox: ${history.extra.slice(0, 8).join(', ')}`]
          : []),
        ...(history.duplicates.length > 0
          ? [`${history.duplicates.length} twice: ${history.duplicates.slice(0, 8).join(', ')}`]
          : []),
      ],
    },
    { name: `registered and resubscribed within ${RECOVERY_PROMISE_MS / 1000} s of every fault`, problems: recovered },
    { name: 'at most one voice-token request every 2 s through an API outage (after its first 5 s)', problems: storms },
    { name: 'no uncaught error in the page or the host', problems: evidence.errors.problems },
    { name: 'memory and open sockets flat from the second to the last period', problems: evidence.memory.problems },
    {
      name: 'no secret in any log line',
      problems: evidence.secrets.found > 0 ? [`${evidence.secrets.found} line(s)`, ...evidence.secrets.examples] : [],
    },
    { name: 'the scenario played', problems: [...dayShape, ...notStarted] },
  ];
}

/** Close to the promise: worth a look even when it is kept. */
const NEAR_PROMISE_MS = 20_000;

/**
 * What the day showed that no check fails on: calls left on the phone after their far end hung
 * up, recoveries close to the promise, what the desk could not do, and how memory moved.
 */
export function observationsOf(evidence: Evidence): string[] {
  const { day, scenario, memory } = evidence;
  const out: string[] = [];
  const zombies = day.desk.flatMap((d) =>
    d.notes.filter((n) => n.includes('still up afterwards (far end: ended)')).map(() => d.id),
  );
  if (zombies.length > 0)
    out.push(
      `${zombies.length} call(s) stayed up on the phone after the far end had hung up (${zombies.join(', ')}): ` +
        'the hang-up never reached the app (it fell in a Kamailio restart or freeze) and nothing else ended the call',
    );
  for (const f of day.faults)
    if (f.recoveryMs !== undefined && f.recoveryMs > NEAR_PROMISE_MS && f.recoveryMs <= RECOVERY_PROMISE_MS)
      out.push(
        `${f.id} ${f.kind} at ${simClock(scenario, f.scheduledAt)}: whole again after ${round(f.recoveryMs / 1000)} s, close to the promise`,
      );
  const notPlaced = day.desk.filter((d) => d.notes.some((n) => n.includes('callback was not placed'))).length;
  if (notPlaced > 0)
    out.push(`${notPlaced} click-to-call callback(s) refused while the API or the phone was down (the app said why)`);
  const scripted = day.desk.filter((d) => !d.live).length;
  if (scripted > 0)
    out.push(`${scripted} desk call(s) could not ring the phone over SIP (Kamailio down, or the machine asleep)`);
  const second = memory.periods[1];
  const last = memory.periods.at(-1);
  if (second && last && second !== last) {
    const pct = (a: number, b: number): string => `${a > b ? '+' : ''}${round(((a - b) / b) * 100)} %`;
    out.push(
      `from the second period to the last: host heap ${pct(last.hostHeapMb, second.hostHeapMb)}, ` +
        `renderer heap ${pct(last.rendererHeapMb, second.rendererHeapMb)}, host RSS ${pct(last.hostRssMb, second.hostRssMb)}`,
    );
  }
  return out;
}

function recoveriesByKind(faults: readonly FaultRun[]): Record<string, Stat> {
  const byKind: Record<string, number[]> = {};
  for (const f of faults) if (f.recoveryMs !== undefined) (byKind[f.kind] ??= []).push(f.recoveryMs);
  return Object.fromEntries(Object.entries(byKind).map(([kind, values]) => [kind, stat(values)]));
}

export function buildReport(evidence: Evidence, checks: readonly Check[]): Record<string, unknown> {
  const { scenario, day, calls } = evidence;
  const desk = day.desk;
  const deskNotes = desk.flatMap((d) => d.notes.map((n) => `${d.id} (${d.kind}): ${n}`));
  return {
    ok: checks.every((c) => c.problems.length === 0),
    scenario: {
      name: scenario.name,
      seed: scenario.seed,
      source: evidence.scenarioSource,
      hours: scenario.hours,
      hourMs: scenario.hourMs,
      speed: speedOf(scenario),
      replay: `npm run soak -- ${scenario.name === 'hour' ? '--hour ' : ''}--seed ${scenario.seed}`,
    },
    wallClock: evidence.wall,
    calls: {
      total: scenario.desk.length + scenario.others.length,
      desk: desk.length,
      deskLive: desk.filter((d) => d.live).length,
      others: day.others.length,
      othersNotStarted: day.others.filter((o) => o.error !== undefined).length,
      gapCalls: day.faults.filter((f) => f.gapCallId !== undefined).length,
      poppedBeforeAGap: day.faults.filter((f) => f.popCallId !== undefined).length,
      ...calls.counts,
    },
    faults: {
      total: day.faults.length,
      byKind: Object.fromEntries(
        [...new Set(day.faults.map((f) => f.kind))].map((k) => [k, day.faults.filter((f) => f.kind === k).length]),
      ),
      runs: day.faults.map((f) => ({
        id: f.id,
        kind: f.kind,
        lane: f.lane,
        at: simClock(scenario, f.scheduledAt),
        // Real times, to line the fault up with the host's log file.
        startedAt: new Date(f.startedAt).toISOString(),
        liftedAt: new Date(f.liftAt).toISOString(),
        startedLateMs: Math.max(0, f.startedAt - day.dayStart - f.scheduledAt),
        recoveryMs: f.recoveryMs ?? null,
        noticedMs: f.noticedMs ?? null,
        tokenRequestsPerSecond: f.tokenRequestsPerSecond ?? null,
        tokenRequestsSustained: f.tokenRequestsSustained ?? null,
        ...(f.tokenRequestOffsets.length > 0 ? { tokenRequestOffsetsMs: f.tokenRequestOffsets } : {}),
        notes: f.notes,
        ...(f.recoveryMs === undefined || f.recoveryMs > EXPLAIN_SLOWER_THAN_MS
          ? { hostLog: hostLogDuring(evidence.logLines, f) }
          : {}),
      })),
    },
    pops: {
      // How long a pop outlived its call: after the end, or after the app heard again when the end fell in a gap.
      stayedAfterTheEnd: stat(
        calls.verdicts.flatMap((v) => (v.popStayedMs === undefined || v.endedInGap ? [] : [v.popStayedMs])),
      ),
      stayedAfterAGap: stat(
        calls.verdicts.flatMap((v) => (v.popStayedMs !== undefined && v.endedInGap ? [v.popStayedMs] : [])),
      ),
    },
    recoveries: {
      all: stat(day.faults.flatMap((f) => (f.recoveryMs === undefined ? [] : [f.recoveryMs]))),
      notRecovered: day.faults.filter((f) => f.recoveryMs === undefined).length,
      byKind: recoveriesByKind(day.faults),
      noticedFreezes: stat(
        day.faults.flatMap((f) => (f.kind.endsWith('freeze') && f.noticedMs !== undefined ? [f.noticedMs] : [])),
      ),
    },
    memory: {
      periodMs: evidence.memory.periodMs,
      periods: evidence.memory.periods.map((p) => ({ ...p, from: simClock(scenario, p.fromMs) })),
      samples: day.samplers.samples.length,
    },
    history: {
      sandbox: evidence.history.sandbox,
      app: evidence.history.app,
      missing: evidence.history.missing.length,
      extra: evidence.history.extra.length,
      duplicates: evidence.history.duplicates.length,
    },
    errors: {
      expectedConsoleErrors: evidence.errors.expectedConsoleErrors,
      loggedErrors: evidence.errors.loggedErrors,
      stderrLines: evidence.errors.stderrLines,
    },
    secrets: {
      linesScanned: evidence.secrets.linesScanned,
      secretsKnown: evidence.secrets.known,
      found: evidence.secrets.found,
    },
    desk: { lateMs: day.lateness.desk, faultsLateMs: day.lateness.faults, notes: deskNotes },
    deskCalls: desk.map((d) => ({
      id: d.id,
      kind: d.kind,
      startedAt: simClock(scenario, d.startedAt - day.dayStart),
      tookMs: d.endedAt - d.startedAt,
      live: d.live,
      rang: d.rang,
      callIds: d.callIds,
    })),
    rangThisAgent: calls.verdicts.map((v) =>
      v.problems.length === 0
        ? v
        : {
            ...v,
            // A failing call comes with the host's signals lines from its ring to 40 s after its end.
            hostLog: evidence.logLines
              .filter(
                (l) =>
                  l.source === 'host-log' &&
                  /signals:|screen-?pop/i.test(l.text) &&
                  l.at >= v.startedAt - 1_000 &&
                  l.at <= (v.endedAt ?? v.startedAt) + 40_000,
              )
              .slice(0, 30)
              .map((l) => l.text.slice(0, 240)),
          },
    ),
    checks: checks.map((c) => ({ name: c.name, ok: c.problems.length === 0, problems: c.problems })),
    observations: observationsOf(evidence),
  };
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'results');

/** Writes the JSON and the chart; returns their paths. */
export async function writeReport(
  evidence: Evidence,
  report: Record<string, unknown>,
): Promise<{ json: string; svg: string }> {
  const date = new Date().toISOString().slice(0, 10);
  const base = join(resultsDir, `soak-${evidence.scenario.name === 'hour' ? 'hour-' : ''}${date}`);
  await mkdir(resultsDir, { recursive: true });
  await writeFile(`${base}.json`, `${JSON.stringify({ generatedAt: new Date().toISOString(), ...report }, null, 2)}\n`);
  const { scenario, day } = evidence;
  const svg = renderChart({
    title: `AntRing soak: ${scenario.name === 'day' ? 'a working day' : 'one hour'} (seed ${scenario.seed}), ${
      scenario.desk.length + scenario.others.length
    } calls, ${day.faults.length} faults`,
    hours: scenario.hours,
    hourMs: scenario.hourMs,
    startHour: scenario.startHour,
    memory: day.samplers.samples,
    recoveries: day.faults.map((f) => ({
      atMs: f.liftAt - day.dayStart,
      kind: f.kind,
      lane: f.lane,
      recoveryMs: f.recoveryMs,
    })),
    promiseMs: RECOVERY_PROMISE_MS,
  });
  await writeFile(`${base}.svg`, svg);
  return { json: `${base}.json`, svg: `${base}.svg` };
}

/** The table on stdout. */
export function printReport(evidence: Evidence, report: Record<string, unknown>, checks: readonly Check[]): void {
  const { scenario, day, calls } = evidence;
  const all = stat(day.faults.flatMap((f) => (f.recoveryMs === undefined ? [] : [f.recoveryMs])));
  const rows: { metric: string; value: string }[] = [
    {
      metric: 'scenario',
      value: `${scenario.name}, seed ${scenario.seed} (${scenario.hours} h × ${scenario.hourMs / 1000} s)`,
    },
    {
      metric: 'wall clock',
      value: `${round(evidence.wall.totalMs / 60_000, 1)} min (day ${round(evidence.wall.dayMs / 1000, 0)} s)`,
    },
    {
      metric: 'calls',
      value: `${scenario.desk.length + scenario.others.length} (desk ${day.desk.length}, elsewhere ${day.others.length})`,
    },
    {
      metric: 'rang this agent',
      value: `${calls.counts.rangMe}: heard ${calls.counts.heardRinging}, in a gap ${calls.counts.heardNothing}, across a reconnect ${calls.counts.heardPart}`,
    },
    {
      metric: 'popped / listed missed',
      value: `${calls.counts.popped} / ${calls.counts.listedMissed} (expected missed ≥ ${calls.counts.expectedMissed})`,
    },
    { metric: 'faults', value: String(day.faults.length) },
    {
      metric: 'recovery median / p95 / max',
      value: `${round(all.medianMs / 1000)} s / ${round(all.p95Ms / 1000)} s / ${round(all.maxMs / 1000)} s`,
    },
    {
      metric: 'history app / sandbox',
      value: `${evidence.history.app} / ${evidence.history.sandbox} (missing ${evidence.history.missing.length}, extra ${evidence.history.extra.length}, twice ${evidence.history.duplicates.length})`,
    },
  ];
  console.table(rows);
  console.table(
    Object.entries(recoveriesByKind(day.faults)).map(([kind, s]) => ({
      fault: kind,
      n: s.n,
      'median s': round(s.medianMs / 1000),
      'p95 s': round(s.p95Ms / 1000),
      'max s': round(s.maxMs / 1000),
    })),
  );
  console.table(
    evidence.memory.periods.map((p) => ({
      from: simClock(scenario, p.fromMs),
      'host heap MB': p.hostHeapMb,
      'host RSS MB': p.hostRssMb,
      'renderer heap MB': p.rendererHeapMb,
      'host sockets': p.hostSockets,
      'chromium sockets': p.chromiumSockets,
      'page websockets': p.pageWebSockets,
    })),
  );
  for (const check of checks) {
    console.log(`${check.problems.length === 0 ? '✓' : '✗'} ${check.name}`);
    for (const problem of check.problems.slice(0, 12)) console.log(`    ${problem}`);
    if (check.problems.length > 12) console.log(`    … and ${check.problems.length - 12} more (see the JSON)`);
  }
  const observations = observationsOf(evidence);
  if (observations.length > 0) console.log('Observations (no check fails on these):');
  for (const line of observations) console.log(`  - ${line}`);
  const replay = (report['scenario'] as { replay?: string } | undefined)?.replay ?? '';
  if (!checks.every((c) => c.problems.length === 0)) console.log(`replay: ${replay}`);
}
