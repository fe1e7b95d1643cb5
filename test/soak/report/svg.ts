/**
 * The day at a glance, as a hand-written SVG: memory over the simulated day (host and renderer
 * heaps, host RSS), and each fault's recovery time at the moment it happened, against the 30 s
 * promise. No chart library: a few polylines and circles.
 */

export interface ChartInput {
  readonly title: string;
  readonly hours: number;
  readonly hourMs: number;
  readonly startHour: number;
  readonly memory: readonly {
    readonly atMs: number;
    readonly hostHeapMb: number;
    readonly hostRssMb: number;
    readonly rendererHeapMb?: number | undefined;
  }[];
  readonly recoveries: readonly {
    readonly atMs: number;
    readonly kind: string;
    readonly lane: string;
    readonly recoveryMs: number | undefined;
  }[];
  readonly promiseMs: number;
}

const WIDTH = 960;
const PANEL_HEIGHT = 190;
const LEFT = 64;
const RIGHT = 150;
const TOP = 40;
const GAP = 56;
const LANE_COLOURS: Record<string, string> = { signals: '#1f77b4', sip: '#d62728', both: '#7b3fb3' };

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixed = (n: number): string => (Math.round(n * 10) / 10).toString();

interface Panel {
  readonly y: number;
  readonly maxValue: number;
  readonly unit: string;
  readonly title: string;
}

function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil((value * 1.1) / step) * step;
}

export function renderChart(input: ChartInput): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const dayMs = input.hours * input.hourMs;
  const x = (atMs: number): number => LEFT + (Math.min(Math.max(atMs, 0), dayMs) / dayMs) * plotWidth;
  const parts: string[] = [];
  const height = TOP + 3 * PANEL_HEIGHT + 2 * GAP + 40;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="15" font-weight="bold">${escape(input.title)}</text>`,
  );

  const panels: Panel[] = [
    {
      y: TOP,
      maxValue: niceMax(Math.max(...input.memory.map((m) => Math.max(m.hostHeapMb, m.rendererHeapMb ?? 0)))),
      unit: 'MB',
      title: 'Heap after GC (host process, renderer)',
    },
    {
      y: TOP + PANEL_HEIGHT + GAP,
      maxValue: niceMax(Math.max(...input.memory.map((m) => m.hostRssMb))),
      unit: 'MB',
      title: 'Host process RSS',
    },
    {
      y: TOP + 2 * (PANEL_HEIGHT + GAP),
      maxValue: niceMax(
        Math.max(input.promiseMs * 1.2, ...input.recoveries.map((r) => r.recoveryMs ?? input.promiseMs * 2)) / 1000,
      ),
      unit: 's',
      title: `Recovery after each fault (promise: ${input.promiseMs / 1000} s)`,
    },
  ];

  for (const panel of panels) {
    const yOf = (value: number): number => panel.y + PANEL_HEIGHT - (value / panel.maxValue) * PANEL_HEIGHT;
    parts.push(`<text x="${LEFT}" y="${panel.y - 8}" font-weight="bold">${escape(panel.title)}</text>`);
    parts.push(
      `<rect x="${LEFT}" y="${panel.y}" width="${plotWidth}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`,
    );
    for (let i = 0; i <= 4; i++) {
      const value = (panel.maxValue * i) / 4;
      const y = yOf(value);
      parts.push(
        `<line x1="${LEFT}" y1="${fixed(y)}" x2="${LEFT + plotWidth}" y2="${fixed(y)}" stroke="#eee"/>`,
        `<text x="${LEFT - 6}" y="${fixed(y + 4)}" text-anchor="end">${fixed(value)} ${panel.unit}</text>`,
      );
    }
    for (let hour = 0; hour <= input.hours; hour++) {
      const hx = x(hour * input.hourMs);
      parts.push(
        `<line x1="${fixed(hx)}" y1="${panel.y}" x2="${fixed(hx)}" y2="${panel.y + PANEL_HEIGHT}" stroke="#eee"/>`,
        `<text x="${fixed(hx)}" y="${panel.y + PANEL_HEIGHT + 14}" text-anchor="middle">${String((input.startHour + hour) % 24).padStart(2, '0')}:00</text>`,
      );
    }
  }

  const line = (
    panel: Panel,
    points: readonly [number, number][],
    colour: string,
    label: string,
    row: number,
  ): void => {
    const yOf = (value: number): number => panel.y + PANEL_HEIGHT - (value / panel.maxValue) * PANEL_HEIGHT;
    if (points.length > 0)
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points.map(([at, v]) => `${fixed(x(at))},${fixed(yOf(v))}`).join(' ')}"/>`,
      );
    const ly = panel.y + 14 + row * 16;
    parts.push(
      `<line x1="${LEFT + plotWidth + 12}" y1="${ly - 4}" x2="${LEFT + plotWidth + 30}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${LEFT + plotWidth + 34}" y="${ly}">${escape(label)}</text>`,
    );
  };
  const [heaps, rss, recovery] = panels as [Panel, Panel, Panel];
  line(
    heaps,
    input.memory.map((m) => [m.atMs, m.hostHeapMb]),
    '#1f77b4',
    'host heap',
    0,
  );
  line(
    heaps,
    input.memory.flatMap((m): [number, number][] =>
      m.rendererHeapMb === undefined ? [] : [[m.atMs, m.rendererHeapMb]],
    ),
    '#2ca02c',
    'renderer heap',
    1,
  );
  line(
    rss,
    input.memory.map((m) => [m.atMs, m.hostRssMb]),
    '#ff7f0e',
    'host RSS',
    0,
  );

  const promiseY = recovery.y + PANEL_HEIGHT - (input.promiseMs / 1000 / recovery.maxValue) * PANEL_HEIGHT;
  parts.push(
    `<line x1="${LEFT}" y1="${fixed(promiseY)}" x2="${LEFT + plotWidth}" y2="${fixed(promiseY)}" stroke="#d62728" stroke-dasharray="6 4"/>`,
  );
  for (const r of input.recoveries) {
    const seconds = r.recoveryMs === undefined ? recovery.maxValue : r.recoveryMs / 1000;
    const cy = recovery.y + PANEL_HEIGHT - (Math.min(seconds, recovery.maxValue) / recovery.maxValue) * PANEL_HEIGHT;
    const colour = LANE_COLOURS[r.lane] ?? '#333';
    parts.push(
      `<circle cx="${fixed(x(r.atMs))}" cy="${fixed(cy)}" r="${r.recoveryMs === undefined ? 5 : 3.5}" fill="${r.recoveryMs === undefined ? 'none' : colour}" stroke="${colour}"><title>${escape(`${r.kind}: ${r.recoveryMs === undefined ? 'not recovered' : `${fixed(seconds)} s`}`)}</title></circle>`,
    );
  }
  Object.entries(LANE_COLOURS).forEach(([lane, colour], row) => {
    const ly = recovery.y + 14 + row * 16;
    parts.push(
      `<circle cx="${LEFT + plotWidth + 21}" cy="${ly - 4}" r="3.5" fill="${colour}"/>`,
      `<text x="${LEFT + plotWidth + 34}" y="${ly}">${lane === 'both' ? 'machine' : lane}</text>`,
    );
  });
  parts.push(
    `<text x="${LEFT + plotWidth + 12}" y="${recovery.y + 70}">- - 30 s promise</text>`,
    `<text x="${LEFT}" y="${height - 10}" fill="#666">Simulated time of day (one simulated hour = ${input.hourMs / 1000} s of real time)</text>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}
