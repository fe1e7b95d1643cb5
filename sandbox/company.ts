import { Rng } from './random';
import type { SandboxAgent, SandboxQueue } from './records';
import { landlineDid } from './phone';

/** The seeded company: account, credentials, agents, queues and DIDs. */
export interface Company {
  readonly appId: string;
  readonly appSecret: string;
  readonly accountId: string;
  readonly domain: string;
  readonly email: string;
  readonly dids: readonly string[];
  readonly agents: readonly SandboxAgent[];
  readonly queues: readonly SandboxQueue[];
  /** Mongo-style organisation id that queue statistics carry (`org`). */
  readonly orgId: string;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE_MALE = ['Văn', 'Minh', 'Đức', 'Hữu', 'Quốc', 'Thành'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Mỹ', 'Kim'];
const GIVEN_MALE = ['An', 'Bình', 'Dũng', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Tuấn', 'Việt'];
const GIVEN_FEMALE = ['Châu', 'Hà', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Oanh', 'Thảo', 'Trang', 'Uyên', 'Yến'];
const QUEUE_NAMES = ['Chăm sóc khách hàng', 'Hỗ trợ kỹ thuật', 'Kinh doanh', 'Khiếu nại & Bảo hành'];

export const AGENT_COUNT = 12;
export const FIRST_EXTENSION = 8001;

/** "Nguyễn Văn Đức" → "nguyenvanduc". */
export function asciiUsername(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A Vietnamese full name with diacritics. */
export function vietnameseName(rng: Rng): string {
  const female = rng.chance(0.5);
  return [
    rng.pick(FAMILY),
    rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE),
    rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE),
  ].join(' ');
}

export function generateCompany(seed: number): Company {
  const rng = Rng.stream(seed, 'company');
  const accountId = rng.hex(32);
  const companySlug = rng.pick(['demo', 'sunrise', 'hoanglong', 'vietphat', 'anphu']);
  const domain = `${companySlug}.antbuddy.com`;
  const email = `admin@${companySlug}.vn`;
  const appId = rng.digits(13).replace(/^0/, '1');
  const appSecret = rng.password(32);
  const orgId = `org_${rng.hex(24)}`;

  const usernames = new Set<string>();
  const names = new Set<string>();
  const agents: SandboxAgent[] = [];
  for (let i = 0; i < AGENT_COUNT; i++) {
    let name = vietnameseName(rng);
    while (names.has(name)) name = vietnameseName(rng);
    names.add(name);
    let username = asciiUsername(name);
    for (let n = 2; usernames.has(username); n++) username = `${asciiUsername(name)}${n}`;
    usernames.add(username);
    const ext = String(FIRST_EXTENSION + i);
    // The team lead also answers the shared hotline extension, as the vendor's sample shows.
    const extensions = i === AGENT_COUNT - 1 ? [ext, '8099'] : [ext];
    agents.push({ id: rng.hex(32), username, name, extensions, sipUser: `agent${ext}`, sipPassword: rng.password(16) });
  }

  const queueCount = rng.int(3, 4);
  const queues: SandboxQueue[] = [];
  const covered = new Set<string>();
  for (let q = 0; q < queueCount; q++) {
    const members = rng.sample(agents, rng.int(3, 6)).map((a) => a.id);
    for (const id of members) covered.add(id);
    queues.push({ id: rng.hex(32), name: QUEUE_NAMES[q] ?? `Queue ${q + 1}`, agentIds: members });
  }
  // Every agent answers at least one queue: put the uncovered ones in the first queue.
  const first = queues[0];
  if (first) {
    const missing = agents.filter((a) => !covered.has(a.id)).map((a) => a.id);
    queues[0] = { ...first, agentIds: [...first.agentIds, ...missing] };
  }

  const dids = [landlineDid(rng, '028'), landlineDid(rng, '024'), landlineDid(rng, '028')];
  return { appId, appSecret, accountId, domain, email, dids, agents, queues, orgId };
}
