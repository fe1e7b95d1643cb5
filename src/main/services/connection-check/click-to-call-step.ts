import type { CheckText } from '../../../shared/connection-check';
import { appError, type AppError, type AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { Agent, AntBuddyClient } from '../api';
import { nameApiFailure, type CheckApi } from './api-step';
import { quoted } from './setting-names';

/** SIP user names often embed the extension (`agent8001`): the same reading as the screen-pop's. */
const EMBEDDED_EXTENSION = /^[a-z._-]+(\d{2,6})$/i;

/** The agent AntBuddy lists for this SIP user (by user name, extension, or the extension in the SIP user). */
export function agentForSipUser(agents: readonly Agent[], sipUser: string): Agent | undefined {
  const user = sipUser.trim().toLowerCase();
  if (user === '') return undefined;
  const embedded = EMBEDDED_EXTENSION.exec(user)?.[1];
  return (
    agents.find((agent) => agent.username.toLowerCase() === user) ??
    agents.find((agent) => agent.ext.some((ext) => ext.trim().toLowerCase() === user)) ??
    (embedded ? agents.find((agent) => agent.ext.includes(embedded)) : undefined)
  );
}

const NO_CALL_PLACED: CheckText = {
  en: 'No call was placed: AntBuddy’s only click-to-call request rings the device for real, so whether the platform itself reaches the device shows only on a real call.',
  vi: 'Không thực hiện cuộc gọi nào: yêu cầu click-to-call duy nhất của AntBuddy sẽ đổ chuông thiết bị thật, nên việc nền tảng có gọi tới được thiết bị hay không chỉ biết được khi gọi thật.',
};

function agentText(agents: AppResult<Agent[]> | undefined, sipUser: string): CheckText {
  if (agents === undefined) {
    return {
      en: 'AntBuddy’s agent list was not checked (the company domain and e-mail are not set).',
      vi: 'Chưa kiểm tra danh sách nhân viên của AntBuddy (chưa nhập tên miền và email công ty).',
    };
  }
  const agent = agents.ok ? agentForSipUser(agents.value, sipUser) : undefined;
  if (!agent) {
    return {
      en: `AntBuddy’s agent list shows no agent for ${sipUser} (by user name or extension); click-to-call still rings the SIP user itself.`,
      vi: `Danh sách nhân viên của AntBuddy không có nhân viên nào ứng với ${sipUser} (theo tên đăng nhập hoặc số máy lẻ); click-to-call vẫn đổ chuông tài khoản SIP này.`,
    };
  }
  const ext = agent.ext.length > 0 ? `, ext. ${agent.ext.join(', ')}` : '';
  const extVi = agent.ext.length > 0 ? `, máy lẻ ${agent.ext.join(', ')}` : '';
  return {
    en: `AntBuddy lists ${sipUser} as ${agent.name}${ext}.`,
    vi: `AntBuddy ghi nhận ${sipUser} là ${agent.name}${extVi}.`,
  };
}

function companyRefused(error: AppError): AppError {
  const name = { domain: quoted('companyDomain'), email: quoted('companyEmail') };
  return appError(
    error.code,
    `AntBuddy refused the company’s agent list, which click-to-call’s agent is looked up in: check the ${name.domain.en} and the ${name.email.en}. (${error.message})`,
    `AntBuddy từ chối trả danh sách nhân viên của công ty (để tra nhân viên cho click-to-call): kiểm tra ${name.domain.vi} và ${name.email.vi}. (${error.messageVi})`,
    { field: 'companyDomain', ...(error.status !== undefined ? { status: error.status } : {}) },
  );
}

/**
 * Step 4: whether AntBuddy's click-to-call can ring this device, as far as that can be known
 * without ringing it: the device AntBuddy would ring (SIP user and password, sent with every
 * click-to-call) is set, the phone registered it (step 3), and the company's agent list names it.
 * AntBuddy documents no harmless probe (its click-to-call places the call, or answers 400 for an
 * offline device), so none is sent.
 */
export async function checkClickToCall(
  settings: Settings,
  api: Pick<CheckApi, 'seen' | 'timeoutMs'> & { readonly client: Pick<AntBuddyClient, 'getAgents'> },
): Promise<AppResult<CheckText>> {
  for (const setting of ['sipUser', 'sipPassword'] as const) {
    if (settings[setting].trim() !== '') continue;
    const name = quoted(setting);
    return err(
      appError(
        'not_configured',
        `The ${name.en} is not set: click-to-call sends it to AntBuddy to find the device to ring.`,
        `Chưa nhập ${name.vi}: click-to-call gửi thông tin này cho AntBuddy để tìm thiết bị cần đổ chuông.`,
        { field: setting },
      ),
    );
  }
  const sipUser = settings.sipUser.trim();
  const companySet = settings.companyDomain.trim() !== '' && settings.companyEmail.trim() !== '';
  const agents = companySet ? await api.client.getAgents() : undefined;
  if (agents && !agents.ok) {
    const named = nameApiFailure(agents.error, api.seen(), settings, api.timeoutMs);
    // A refusal here is about the company values, which only these requests carry.
    return err(named.code === 'rejected' && named.field !== 'apiBaseUrl' ? companyRefused(agents.error) : named);
  }
  const found = agentText(agents, sipUser);
  return ok({
    en: `Click-to-call can ring ${sipUser}: the device is registered. ${found.en} ${NO_CALL_PLACED.en}`,
    vi: `Click-to-call có thể đổ chuông ${sipUser}: thiết bị đã đăng ký. ${found.vi} ${NO_CALL_PLACED.vi}`,
  });
}
