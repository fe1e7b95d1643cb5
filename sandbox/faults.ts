import { z } from 'zod';
import { Rng } from './random';

/**
 * Fault injection for tests: a steady latency and share of 500s, plus rules that decide the
 * fate of matching requests: "the next N requests ..." (`count`), or "every request for the
 * next D ms ..." (`forMs`, an outage of the API rather than a single bad answer), each
 * optionally limited to paths starting with `path`.
 */

export type MalformedVariant = 'invalid_json' | 'wrong_shape';

/**
 * A rule applies until it has taken `remaining` more requests or the sandbox clock reaches
 * `untilMs`, whichever comes first; null means no such limit (never both null).
 */
interface RuleLimits {
  remaining: number | null;
  readonly untilMs: number | null;
  readonly path?: string;
}

export type FaultRule = RuleLimits &
  (
    | {
        readonly kind: 'status';
        readonly status: 500 | 503;
        /** Seconds a 503 asks the client to wait (its Retry-After header). */
        readonly retryAfterSeconds: number;
      }
    | { readonly kind: 'hang' }
    | { readonly kind: 'reset' }
    | { readonly kind: 'malformed'; readonly variant: MalformedVariant }
  );

/** What to do with one request instead of answering it normally. */
export type FaultAction =
  | { readonly kind: 'status'; readonly status: 500 | 503; readonly retryAfterSeconds: number }
  | { readonly kind: 'hang' }
  /** The connection is torn down with no answer: what a client sees when the network or the server goes away. */
  | { readonly kind: 'reset' }
  | { readonly kind: 'malformed'; readonly variant: MalformedVariant };

export interface FaultSnapshot {
  readonly latencyMs: number;
  readonly failRate: number;
  readonly rules: readonly FaultRule[];
}

const pathFilter = z.string().startsWith('/').optional();
const count = z.number().int().min(1).max(100_000).optional();
/** An outage: every matching request for this long (with `count`, whichever ends first). */
const forMs = z.number().int().min(1).max(3_600_000).optional();
/** What a 503 asks the client to wait; the rate limiter and past sandboxes answered 1. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

export const faultRuleInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('status'),
      status: z.union([z.literal(500), z.literal(503)]).default(500),
      retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
      count,
      forMs,
      path: pathFilter,
    })
    .strict(),
  z.object({ kind: z.literal('hang'), count, forMs, path: pathFilter }).strict(),
  z.object({ kind: z.literal('reset'), count, forMs, path: pathFilter }).strict(),
  z
    .object({
      kind: z.literal('malformed'),
      variant: z.enum(['invalid_json', 'wrong_shape']).default('invalid_json'),
      count,
      forMs,
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

export interface FaultControlsOptions {
  readonly seed: number;
  readonly latencyMs?: number;
  readonly failRate?: number;
  /** The sandbox clock (unix ms): `forMs` outages end by it. Default Date.now. */
  readonly now?: () => number;
}

export class FaultControls {
  private latency = 0;
  private rate = 0;
  private rules: FaultRule[] = [];
  private readonly rng: Rng;
  private readonly now: () => number;

  constructor(options: FaultControlsOptions) {
    this.rng = Rng.stream(options.seed, 'faults');
    this.now = options.now ?? Date.now;
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
  failNext(count = 1, options: { status?: 500 | 503; path?: string; retryAfterSeconds?: number } = {}): void {
    this.add({
      kind: 'status',
      status: options.status ?? 500,
      count,
      path: options.path,
      retryAfterSeconds: options.retryAfterSeconds,
    });
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
    // An outage without a count takes every request until it ends; a bare rule takes one.
    const limits: RuleLimits = {
      remaining: rule.count ?? (rule.forMs === undefined ? 1 : null),
      untilMs: rule.forMs === undefined ? null : this.now() + rule.forMs,
      ...(rule.path === undefined ? {} : { path: rule.path }),
    };
    if (rule.kind === 'status') {
      const retryAfterSeconds = rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
      this.rules.push({ ...limits, kind: 'status', status: rule.status, retryAfterSeconds });
    } else if (rule.kind === 'malformed') this.rules.push({ ...limits, kind: 'malformed', variant: rule.variant });
    else this.rules.push({ ...limits, kind: rule.kind });
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
    this.dropEnded();
    return {
      latencyMs: this.latency,
      failRate: this.rate,
      rules: this.rules.map((r) => ({ ...r })),
    };
  }

  /** Decides the fate of one request to `path`, using up one matching one-shot rule. */
  take(path: string): FaultAction | undefined {
    this.dropEnded();
    const index = this.rules.findIndex((r) => r.path === undefined || path.startsWith(r.path));
    const rule = this.rules[index];
    if (rule) {
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules.splice(index, 1);
      }
      if (rule.kind === 'status')
        return { kind: 'status', status: rule.status, retryAfterSeconds: rule.retryAfterSeconds };
      if (rule.kind === 'malformed') return { kind: 'malformed', variant: rule.variant };
      return { kind: rule.kind };
    }
    if (this.rate > 0 && this.rng.float() < this.rate)
      return { kind: 'status', status: 500, retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS };
    return undefined;
  }

  /** Outages that are over stop applying (and stop showing in the snapshot). */
  private dropEnded(): void {
    const now = this.now();
    this.rules = this.rules.filter((rule) => rule.untilMs === null || rule.untilMs > now);
  }
}
