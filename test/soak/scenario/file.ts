import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { scenarioSchema, type Scenario } from './scenario';

/** Scenario files: validated on the way in, written in the repository's Prettier style on the way out. */

export async function readScenario(path: string): Promise<Scenario> {
  const parsed = scenarioSchema.safeParse(JSON.parse(await readFile(path, 'utf8')) as unknown);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: not a soak scenario (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`);
  }
  return parsed.data;
}

export async function writeScenario(path: string, scenario: Scenario): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(JSON.stringify(scenario), { ...options, parser: 'json' }));
}
