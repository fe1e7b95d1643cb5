import { join } from 'node:path';
import { z } from 'zod';
import { checkCalls } from './checks/calls';
import { checkErrors, type Placer } from './checks/errors';
import { compareHistory, syncAppHistory, untilCallsEnded } from './checks/history';
import { checkMemory } from './checks/memory';
import { runDay, type DayRecord } from './harness/day';
import { startStack } from './harness/stack';
import { buildReport, checksOf, printReport, writeReport, type Evidence } from './report/report';
import { readScenario, writeScenario } from './scenario/file';
import { generateScenario, type ScenarioName } from './scenario/generate';
import { simClock, type Scenario } from './scenario/scenario';

/**
 * `npm run soak`: a working day (test/soak/scenarios/day.json: 8 simulated hours, over 1,000
 * calls and 56 faults, about 12 minutes) through the web host in Chromium against the sandbox
 * with Kamailio and its platform phone; `npm run soak -- --hour` is the short form `npm test`
 * runs (one hour, about 2 minutes). `--seed N` plays the day (or hour) that seed generates
 * instead of the file, to replay a failure; `--scenario FILE` plays a scenario file;
 * `--write-scenarios` regenerates the two files from seed 1.
 *
 * Prints a table, writes bench/results/soak-[hour-]<date>.json and .svg, and exits 1 when any
 * check found a problem (2 for bad arguments).
 */

const scenariosDir = join(import.meta.dirname, 'scenarios');
const SCENARIO_SEED = 1;

const argsSchema = z.object({
  name: z.enum(['day', 'hour']),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  file: z.string().optional(),
  writeScenarios: z.boolean(),
});
type Args = z.infer<typeof argsSchema>;

const USAGE = 'usage: npm run soak -- [--hour] [--seed N | --scenario FILE] | --write-scenarios';

function parseArgs(argv: readonly string[]): Args | string {
  const raw: { name: ScenarioName; seed?: number; file?: string; writeScenarios: boolean } = {
    name: 'day',
    writeScenarios: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--hour') raw.name = 'hour';
    else if (arg === '--day') raw.name = 'day';
    else if (arg === '--write-scenarios') raw.writeScenarios = true;
    else if (arg === '--seed') raw.seed = Number(argv[++i]);
    else if (arg === '--scenario') raw.file = argv[++i];
    else return `unknown argument ${arg ?? ''}\n${USAGE}`;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success)
    return `${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}\n${USAGE}`;
  if (parsed.data.seed !== undefined && parsed.data.file !== undefined)
    return `--seed or --scenario, not both\n${USAGE}`;
  return parsed.data;
}

async function scenarioFor(args: Args): Promise<{ scenario: Scenario; source: string }> {
  if (args.file !== undefined) return { scenario: await readScenario(args.file), source: args.file };
  if (args.seed !== undefined)
    return { scenario: generateScenario(args.name, args.seed), source: `generated (seed ${args.seed})` };
  const file = join(scenariosDir, `${args.name}.json`);
  return { scenario: await readScenario(file), source: `test/soak/scenarios/${args.name}.json` };
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** " at 14:05, during s1-d0593 (customer) and f43 signals-drop": what the day was doing at `at`. */
function placeInDay(scenario: Scenario, day: DayRecord): Placer {
  return (at) => {
    const desk = day.desk.find((d) => d.startedAt <= at && at <= d.endedAt);
    const faults = day.faults.filter((f) => f.startedAt <= at && at <= f.liftAt + (f.recoveryMs ?? 0) + 1_000);
    const during = [...(desk ? [`${desk.id} (${desk.kind})`] : []), ...faults.map((f) => `${f.id} ${f.kind}`)];
    return ` at ${simClock(scenario, at - day.dayStart)}${during.length > 0 ? `, during ${during.join(' and ')}` : ''}`;
  };
}

async function soak(args: Args): Promise<boolean> {
  const { scenario, source } = await scenarioFor(args);
  say(
    `soak: ${scenario.name} from ${source}: ${scenario.desk.length + scenario.others.length} calls, ` +
      `${scenario.faults.length} faults, ${scenario.hours} simulated hour(s) of ${scenario.hourMs / 1000} s`,
  );
  const startedAt = Date.now();
  const stack = await startStack(scenario, say);
  const setupMs = Date.now() - startedAt;
  let evidence: Evidence;
  try {
    const day = await runDay(stack, scenario, say);
    const settleStart = Date.now();
    say('soak: the day is over; waiting for the last calls to end and the app to sync its history…');
    const settleProblems: string[] = [];
    if (!(await untilCallsEnded(stack.sandbox, 120_000)))
      settleProblems.push('calls were still going on 2 minutes after the day');
    const synced = await syncAppHistory(stack.page, 120_000);
    if (synced) settleProblems.push(synced);
    const history = await compareHistory(stack.page, stack.sandbox);
    const missed = await stack.page.evaluate(() => window.antring.getMissedCalls());
    const missedCallIds = new Set(missed.ok ? missed.value.map((m) => m.callId) : []);
    if (!missed.ok) settleProblems.push(`getMissedCalls failed: ${missed.error.message}`);
    const endedAt = Date.now();
    const calls = checkCalls({
      myAgentId: stack.me.id,
      calls: stack.tap.all,
      history: (callId) => stack.sandbox.state.history.findByCallId(callId),
      pops: stack.probe.pops,
      heardAgainAt: (at) => stack.tap.heardAt(at),
      missedCallIds,
      phantomIds: new Set(day.faults.flatMap((f) => f.phantomCallIds)),
      runEndedAt: endedAt,
    });
    const periodMs = scenario.hours > 1 ? scenario.hourMs : scenario.hourMs / 4;
    const memory = checkMemory(day.samplers.samples, periodMs, scenario.hours > 1 ? scenario.hours : 4);
    const settleMs = Date.now() - settleStart;
    await stack.close();
    const found = stack.logs.linesWithSecrets();
    evidence = {
      scenario,
      scenarioSource: source,
      day,
      calls,
      history,
      settleProblems,
      memory,
      errors: checkErrors(stack.logs.lines, stack.sandbox.sipWsUrl ?? 'ws://127.0.0.1/', placeInDay(scenario, day)),
      secrets: {
        found: found.length,
        linesScanned: stack.logs.lines.length,
        known: stack.logs.secretsKnown,
        examples: found.slice(0, 5).map((f) => `${f.source}: ${f.kind}: ${f.excerpt}`),
      },
      wall: { setupMs, dayMs: day.dayEnd - day.dayStart, settleMs, totalMs: Date.now() - startedAt },
      logLines: stack.logs.lines,
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
  const checks = checksOf(evidence);
  const report = buildReport(evidence, checks);
  printReport(evidence, report, checks);
  const written = await writeReport(evidence, report);
  say(`soak: wrote ${written.json} and ${written.svg}`);
  return checks.every((c) => c.problems.length === 0);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    console.error(args);
    process.exitCode = 2;
    return;
  }
  if (args.writeScenarios) {
    for (const name of ['day', 'hour'] as const) {
      const file = join(scenariosDir, `${name}.json`);
      await writeScenario(file, generateScenario(name, SCENARIO_SEED));
      say(`soak: wrote ${file}`);
    }
    return;
  }
  process.exitCode = (await soak(args)) ? 0 : 1;
}

main()
  .catch((error: unknown) => {
    console.error(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  // libwebrtc (the platform phone) can crash Node's own exit after calls; leave through process.exit.
  .finally(() => process.exit(process.exitCode ?? 0));
