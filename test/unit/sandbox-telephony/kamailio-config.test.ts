import { describe, expect, it } from 'vitest';
import { PLATFORM_HEADER, kamailioConfig, type KamailioConfigInput } from '../../../sandbox/kamailio-config';

const base: KamailioConfigInput = {
  udpPort: 5070,
  tcpPort: 8090,
  sipDomain: 'demo.antbuddy.com',
  ctlSocketPath: '/tmp/x/kamailio_ctl',
  modulesPath: '/usr/lib/x86_64-linux-gnu/kamailio/modules/',
};

describe('the sandbox Kamailio config', () => {
  it('aliases the Contact of in-dialog requests from WebSocket phones (hold/resume re-INVITEs)', () => {
    expect(kamailioConfig(base)).toContain(
      'if (loose_route()) { if (proto == WS || proto == WSS) { add_contact_alias(); } handle_ruri_alias(); t_relay(); exit; }',
    );
  });

  it('maps each extension to its SIP user before the lookup, like a PBX dial plan', () => {
    const config = kamailioConfig({
      ...base,
      dialPlan: [
        { extension: '8001', sipUser: 'agent8001' },
        { extension: '8099', sipUser: 'agent8012' },
        { extension: 'agent8003', sipUser: 'agent8003' },
      ],
    });
    const mapping = config.indexOf('if ($rU == "8001") { $rU = "agent8001"; }');
    expect(mapping).toBeGreaterThan(0);
    expect(config).toContain('if ($rU == "8099") { $rU = "agent8012"; }');
    // A SIP user dialled as itself needs no line.
    expect(config).not.toContain('$rU == "agent8003"');
    expect(mapping).toBeLessThan(config.indexOf('lookup("location")'));
  });

  it('sends calls to users nobody registered as to the platform, except the platform’s own', () => {
    const config = kamailioConfig({ ...base, platformUser: 'platform' });
    const firstLookup = config.indexOf('if (!lookup("location")) {');
    expect(firstLookup).toBeGreaterThan(0);
    const afterMiss = config.slice(firstLookup);
    expect(afterMiss.indexOf(`is_present_hf("${PLATFORM_HEADER}")`)).toBeLessThan(
      afterMiss.indexOf('$rU = "platform";'),
    );
    expect(afterMiss).toContain('sl_send_reply("480", "Temporarily Unavailable")');
    expect(afterMiss.indexOf('$rU = "platform";')).toBeLessThan(afterMiss.lastIndexOf('lookup("location")'));
  });

  it('answers 404 for unknown users without a platform', () => {
    const config = kamailioConfig(base);
    expect(config).toContain('if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }');
    expect(config).not.toContain('$rU = "');
  });

  it('refuses values that could break out of the script’s strings', () => {
    expect(() => kamailioConfig({ ...base, dialPlan: [{ extension: '80"01', sipUser: 'agent8001' }] })).toThrow(
      /dial plan/,
    );
    expect(() => kamailioConfig({ ...base, dialPlan: [{ extension: '8001', sipUser: 'a b' }] })).toThrow(/dial plan/);
    expect(() => kamailioConfig({ ...base, platformUser: 'plat;form' })).toThrow(/platformUser/);
    expect(() => kamailioConfig({ ...base, sipDomain: 'x"y' })).toThrow(/sipDomain/);
  });
});
