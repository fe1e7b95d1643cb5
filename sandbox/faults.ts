import { z } from 'zod';
import { Rng } from './random';

/**
 * Fault injection for tests: a steady latency and share of 500s, plus one-shot rules
 * ("the next N requests ..."), each optionally limited to paths starting with `path`.
 */

export type MalformedVariant = 'invalid_json' | 'wrong_shape';

export type FaultRule =
  | { readonly kind: 'status'; readonly status: 500 | 503; remaining: number; readonly path?: string }
  | { readonly kind: 'hang'; remaining: number; readonly path?: string }
  | { readonly kind: 'malformed'; readonly variant: MalformedVariant; remaining: number; readonly path?: string };

/** What to do with one request instead of answering it normally. */
export type FaultAction =
  | { readonly kind: 'status'; readonly status: 500 | 503 }
  | { readonly kind: 'hang' }
  | { readonly kind: 'malformed'; readonly variant: MalformedVariant };

export interface FaultSnapshot {
  readonly latencyMs: number;
  readonly failRate: number;
  readonly rules: readonly FaultRule[];
}

const pathFilter = z.string().startsWith('/').optional();
const count = z.number().int().min(1).max(100_000).default(1);

export const faultRuleInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('status'),
      status: z.union([z.literal(500), z.literal(503)]).default(500),
      count,
      path: pathFilter,
    })
    .strict(),
  z.object({ kind: z.literal('hang'), count, path: pathFilter }).strict(),
  z
    .object({
      kind: z.literal('malformed'),
      variant: z.enum(['invalid_json', 'wrong_shape']).default('invalid_json'),
      count,
      path: pathFilter,
    })
    .strict(),
]);
export type FaultRuleInput = z.input<typeof faultRuleInputSchema>;

/** Body of `POST /__sandbox/faults`. `null` clears a steady fault; `clear: true` drops everything first. */
export const faultRequestSchema = z
  .object({
    clear: z.boolean().optional(),
    latencyMs: z.number().int().min(0).max(600_000).nullable().optional(),
    failRate: z.number().min(0).max(1).nullable().optional(),
    next: z.union([faultRuleInputSchema, z.array(faultRuleInputSchema)]).optional(),
  })
  .strict();
export type FaultRequest = z.input<typeof faultRequestSchema>;

export class FaultControls {
  private latency = 0;
  private rate = 0;
  private rules: FaultRule[] = [];
  private readonly rng: Rng;

  constructor(options: { seed: number; latencyMs?: number; failRate?: number }) {
    this.rng = Rng.stream(options.seed, 'faults');
    this.setLatency(options.latencyMs ?? 0);
    this.setFailRate(options.failRate ?? 0);
  }

  get latencyMs(): number {
    return this.latency;
  }

  get failRate(): number {
    return this.rate;
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('latencyMs must be a number >= 0');
    this.latency = ms;
  }

  setFailRate(rate: number): void {
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error('failRate must be between 0 and 1');
    this.rate = rate;
  }

  /** The next `count` requests (matching `path`) answer `status` (500 by default). */
  failNext(count = 1, options: { status?: 500 | 503; path?: string } = {}): void {
    this.add({ kind: 'status', status: options.status ?? 500, count, path: options.path });
  }

  /** The next `count` requests (matching `path`) are never answered. */
  hangNext(count = 1, options: { path?: string } = {}): void {
    this.add({ kind: 'hang', count, path: options.path });
  }

  /** The next `count` requests (matching `path`) answer 200 with a broken body. */
  malformNext(count = 1, options: { variant?: MalformedVariant; path?: string } = {}): void {
    this.add({ kind: 'malformed', variant: options.variant ?? 'invalid_json', count, path: options.path });
  }

  add(input: FaultRuleInput): void {
    const rule = faultRuleInputSchema.parse(input);
    const path = rule.path === undefined ? {} : { path: rule.path };
    if (rule.kind === 'status')
      this.rules.push({ kind: 'status', status: rule.status, remaining: rule.count, ...path });
    else if (rule.kind === 'hang') this.rules.push({ kind: 'hang', remaining: rule.count, ...path });
    else this.rules.push({ kind: 'malformed', variant: rule.variant, remaining: rule.count, ...path });
  }

  /** Applies a parsed `POST /__sandbox/faults` body. */
  apply(request: z.output<typeof faultRequestSchema>): void {
    if (request.clear) this.clear();
    if (request.latencyMs !== undefined) this.setLatency(request.latencyMs ?? 0);
    if (request.failRate !== undefined) this.setFailRate(request.failRate ?? 0);
    const next = request.next === undefined ? [] : Array.isArray(request.next) ? request.next : [request.next];
    for (const rule of next) this.add(rule);
  }

  clear(): void {
    this.latency = 0;
    this.rate = 0;
    this.rules = [];
  }

  snapshot(): FaultSnapshot {
    return { latencyMs: this.latency, failRate: this.rate, rules: this.rules.map((r) => ({ ...r })) };
  }

  /** Decides the fate of one request to `path`, using up one matching one-shot rule. */
  take(path: string): FaultAction | undefined {
    const index = this.rules.findIndex((r) => r.path === undefined || path.startsWith(r.path));
    const rule = this.rules[index];
    if (rule) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) this.rules.splice(index, 1);
      if (rule.kind === 'status') return { kind: 'status', status: rule.status };
      if (rule.kind === 'hang') return { kind: 'hang' };
      return { kind: 'malformed', variant: rule.variant };
    }
    if (this.rate > 0 && this.rng.float() < this.rate) return { kind: 'status', status: 500 };
    return undefined;
  }
}
