import { describe, expect, it } from 'vitest';
import {
  dialableClipboardNumber,
  trayMenu,
  type TrayMenuActions,
  type TrayMenuEntry,
  type TrayMenuInput,
} from '../../../src/main/shell/tray-menu';
import type { Reachability } from '../../../src/shared/reachability';

function recordingActions() {
  const calls: string[] = [];
  const actions: TrayMenuActions = {
    setDnd: (on) => calls.push(`dnd:${on}`),
    dial: (number) => calls.push(`dial:${number}`),
    showWindow: () => calls.push('show'),
    hideWindow: () => calls.push('hide'),
    quit: () => calls.push('quit'),
  };
  return { calls, actions };
}

const base: TrayMenuInput = {
  language: 'en',
  reachability: { kind: 'reachable' },
  dnd: false,
  dndLocked: false,
  favourites: [],
  recentNumbers: [],
  clipboardText: undefined,
  windowVisible: true,
};

/** The menu as a reader sees it: type, label, and whether it can be clicked or is ticked. */
function shape(entries: readonly TrayMenuEntry[]): unknown[] {
  return entries.map((entry) => {
    switch (entry.type) {
      case 'separator':
        return '---';
      case 'label':
        return `[${entry.label}]`;
      case 'action':
        return entry.enabled ? entry.label : `(${entry.label})`;
      case 'checkbox':
        return `${entry.checked ? '☑' : '☐'} ${entry.label}${entry.enabled ? '' : ' (locked)'}`;
      case 'submenu':
        return { [entry.label]: shape(entry.items) };
    }
  });
}

function find(entries: readonly TrayMenuEntry[], id: string): TrayMenuEntry | undefined {
  for (const entry of entries) {
    if (entry.type === 'separator') continue;
    if (entry.id === id) return entry;
    if (entry.type === 'submenu') {
      const inside = find(entry.items, id);
      if (inside) return inside;
    }
  }
  return undefined;
}

function click(entries: readonly TrayMenuEntry[], id: string): void {
  const entry = find(entries, id);
  if (!entry || (entry.type !== 'action' && entry.type !== 'checkbox')) throw new Error(`no clickable ${id}`);
  entry.click();
}

describe('the tray menu in each state', () => {
  it('reachable, in English: status line, DND, quick dial, Show/Hide, Quit', () => {
    const { actions } = recordingActions();
    expect(shape(trayMenu(base, actions))).toEqual([
      '[Ready for calls]',
      '---',
      '☐ Do not disturb',
      '---',
      { Favourites: ['[No favourites yet: star numbers in History]'] },
      { 'Recent numbers': ['[No calls yet]'] },
      '---',
      'Hide window',
      'Quit',
    ]);
  });

  it('unreachable, in Vietnamese, with the reasons in the status line and Show for a hidden window', () => {
    const { actions } = recordingActions();
    const reachability: Reachability = {
      kind: 'unreachable',
      reasons: [{ kind: 'phone-failed', detail: '403 Forbidden' }],
    };
    expect(shape(trayMenu({ ...base, language: 'vi', reachability, windowVisible: false }, actions))).toEqual([
      '[Không thể nhận cuộc gọi: máy chủ SIP từ chối đăng ký điện thoại (403 Forbidden)]',
      '---',
      '☐ Không làm phiền',
      '---',
      { 'Số yêu thích': ['[Chưa có số yêu thích: gắn sao trong Lịch sử]'] },
      { 'Số gọi gần đây': ['[Chưa có cuộc gọi nào]'] },
      '---',
      'Hiện cửa sổ',
      'Thoát',
    ]);
  });

  it('Do not disturb: ticked; locked by IT it cannot be changed and says so', () => {
    const { actions } = recordingActions();
    const dnd = trayMenu({ ...base, reachability: { kind: 'dnd' }, dnd: true }, actions);
    expect(shape(dnd).slice(0, 3)).toEqual(['[Do not disturb: calls are refused]', '---', '☑ Do not disturb']);
    const locked = trayMenu(
      { ...base, language: 'vi', reachability: { kind: 'dnd' }, dnd: true, dndLocked: true },
      actions,
    );
    expect(shape(locked).slice(0, 3)).toEqual([
      '[Không làm phiền: cuộc gọi bị từ chối]',
      '---',
      '☑ Không làm phiền (do IT đặt) (locked)',
    ]);
  });

  it('in a call: says so, the rest stays available', () => {
    const { actions } = recordingActions();
    const inCall = trayMenu({ ...base, reachability: { kind: 'in-call' } }, actions);
    expect(shape(inCall)[0]).toEqual('[In a call]');
    expect(find(inCall, 'dnd')).toMatchObject({ enabled: true, checked: false });
  });

  it('the DND item saves the opposite of what it shows', () => {
    const off = recordingActions();
    click(trayMenu(base, off.actions), 'dnd');
    const on = recordingActions();
    click(trayMenu({ ...base, dnd: true }, on.actions), 'dnd');
    expect([...off.calls, ...on.calls]).toEqual(['dnd:true', 'dnd:false']);
  });

  it('quick dial: ten favourites and the last five distinct numbers, shown for Vietnam, dialled as stored', () => {
    const { calls, actions } = recordingActions();
    const favourites = Array.from({ length: 12 }, (_, i) => `+849123456${10 + i}`);
    const menu = trayMenu(
      {
        ...base,
        favourites: ['+84912345678', '8001', ...favourites],
        // Newest first, with the same number spelled three ways and a party that is not a number.
        recentNumbers: [
          '0987 654 321',
          '+84987654321',
          'anonymous',
          '02873019555',
          '8002',
          '8003',
          '8004',
          '8005',
          '8006',
        ],
      },
      actions,
    );
    const favouriteMenu = find(menu, 'favourites');
    const recentMenu = find(menu, 'recent');
    if (favouriteMenu?.type !== 'submenu' || recentMenu?.type !== 'submenu') throw new Error('no quick-dial menus');
    expect(favouriteMenu.items).toHaveLength(10);
    expect(shape(favouriteMenu.items).slice(0, 2)).toEqual(['0912 345 678', '8001']);
    expect(shape(recentMenu.items)).toEqual(['0987 654 321', '028 7301 9555', '8002', '8003', '8004']);
    click(menu, 'favourite:+84912345678');
    click(menu, 'recent:02873019555');
    expect(calls).toEqual(['dial:+84912345678', 'dial:02873019555']);
  });

  it('Show, Hide and Quit do what they say', () => {
    const { calls, actions } = recordingActions();
    click(trayMenu(base, actions), 'hide');
    click(trayMenu({ ...base, windowVisible: false }, actions), 'show');
    click(trayMenu(base, actions), 'quit');
    expect(calls).toEqual(['hide', 'show', 'quit']);
  });
});

describe('"Call the number on the clipboard"', () => {
  it('appears only for a dialable number, with the number shown for Vietnam, and dials it normalised', () => {
    const { calls, actions } = recordingActions();
    const menu = trayMenu({ ...base, clipboardText: ' 0912.345.678 ' }, actions);
    expect(shape(menu).slice(3, 5)).toEqual(['---', 'Call 0912 345 678 (clipboard)']);
    click(menu, 'call-clipboard');
    expect(calls).toEqual(['dial:0912345678']);
    expect(shape(trayMenu({ ...base, language: 'vi', clipboardText: '8001' }, actions))[4]).toBe(
      'Gọi 8001 (bộ nhớ tạm)',
    );
  });

  it.each([
    ['nothing', undefined],
    ['empty', ''],
    ['a sentence', 'call me tomorrow'],
    ['a URL', 'https://crm.example.com/customers/0912345678'],
    ['a SIP URI', 'sip:1001@pbx.example.com'],
    ['a paragraph with a number', '0912 345 678\n0987 654 321'],
    ['one digit', '7'],
    ['a 40-digit number', '1'.repeat(40)],
    ['a password-looking string', 'hunter2'],
  ])('is absent for %s', (_name, text) => {
    const { actions } = recordingActions();
    expect(dialableClipboardNumber(text)).toBeUndefined();
    expect(find(trayMenu({ ...base, clipboardText: text }, actions), 'call-clipboard')).toBeUndefined();
  });
});
