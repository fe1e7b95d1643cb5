/**
 * Kamailio 5.6 configuration for the sandbox: a registrar + proxy for WebRTC phones over
 * plain WebSocket on loopback, with JSON-RPC over HTTP on the same TCP port (POST /RPC).
 * Derived from the project's known-good reference (shared/reference/kamailio-ws.cfg); only
 * the ports, the ctl socket (in the run's temp folder, not /var/run), the SIP domain alias
 * and the modules path are filled in per run. Kamailio checks no passwords here.
 *
 * Like a PBX, it also knows the company's dial plan: an agent's extension reaches that
 * agent's SIP user, and a user nobody registered as (a customer's number) reaches the
 * sandbox's platform phone, which plays the outside world. The To header keeps the number dialled.
 */

/** One extension of the dial plan: dialling `extension` reaches `sipUser`'s device. */
export interface DialPlanEntry {
  readonly extension: string;
  readonly sipUser: string;
}

export interface KamailioConfigInput {
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly sipDomain: string;
  readonly ctlSocketPath: string;
  readonly modulesPath: string;
  readonly dialPlan?: readonly DialPlanEntry[];
  /** The platform phone's SIP user: calls to unregistered users go there. */
  readonly platformUser?: string;
}

/**
 * INVITEs the platform itself sends carry this header, so a call from the platform to a user
 * who is offline is answered 480 instead of being routed back to the platform.
 */
export const PLATFORM_HEADER = 'X-Sandbox-Platform';

/** Dial plan values end up inside quoted strings of the script: letters, digits and `._+-` only. */
const SIP_USER_TEXT = /^[A-Za-z0-9._+-]{1,64}$/;

function dialPlanLines(input: KamailioConfigInput): string {
  const lines: string[] = [];
  for (const { extension, sipUser } of input.dialPlan ?? []) {
    if (!SIP_USER_TEXT.test(extension) || !SIP_USER_TEXT.test(sipUser))
      throw new Error('kamailio config: a dial plan entry holds characters other than letters, digits and ._+-');
    if (extension !== sipUser) lines.push(`  if ($rU == "${extension}") { $rU = "${sipUser}"; }`);
  }
  return lines.join('\n');
}

function notRegisteredLines(input: KamailioConfigInput): string {
  if (input.platformUser === undefined)
    return '  if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }';
  if (!SIP_USER_TEXT.test(input.platformUser))
    throw new Error('kamailio config: platformUser holds characters other than letters, digits and ._+-');
  return `  if (!lookup("location")) {
    # Nobody registered as this user: the platform plays the outside world (the To header keeps
    # the number dialled), except for the platform's own calls, or they would loop back to it.
    if (is_present_hf("${PLATFORM_HEADER}")) { sl_send_reply("480", "Temporarily Unavailable"); exit; }
    $rU = "${input.platformUser}";
    if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
  }`;
}

export function kamailioConfig(input: KamailioConfigInput): string {
  for (const [name, value] of Object.entries(input)) {
    if (name === 'dialPlan') continue;
    if (/["\n\\]/.test(String(value)))
      throw new Error(`kamailio config: ${name} contains a quote, backslash or newline`);
  }
  const dialPlan = dialPlanLines(input);
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
listen=udp:127.0.0.1:${input.udpPort}
listen=tcp:127.0.0.1:${input.tcpPort}
tcp_accept_no_cl=yes
auto_aliases=no
alias="${input.sipDomain}"
mpath="${input.modulesPath}"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "ctl.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "jsonrpcs.so"
loadmodule "kex.so"
loadmodule "corex.so"
modparam("ctl", "binrpc", "unix:${input.ctlSocketPath}")
modparam("jsonrpcs", "transport", 1)
modparam("registrar", "max_expires", 600)
# A phone whose WebSocket closes is offline at once, not when its registration expires.
modparam("usrloc", "handle_lost_tcp", 1)
modparam("usrloc", "timer_interval", 1)
modparam("nathelper|registrar", "received_avp", "$avp(RECEIVED)")

request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (is_method("REGISTER")) {
    # WebRTC contacts carry a fake "*.invalid" host: remember the real flow instead
    if (proto == WS || proto == WSS) { force_rport(); fix_nated_register(); }
    if (!save("location")) sl_reply_error();
    exit;
  }
  if (has_totag()) {
    # A re-INVITE (hold, resume) from a WebRTC phone refreshes its Contact: alias it too, or the
    # other side's next in-dialog request (BYE, NOTIFY after a REFER) gets 478 Unresolvable.
    if (loose_route()) { if (proto == WS || proto == WSS) { add_contact_alias(); } handle_ruri_alias(); t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
    sl_send_reply("404", "Not here"); exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
  t_check_trans();
  if (proto == WS || proto == WSS) { add_contact_alias(); }
  record_route();
${dialPlan === '' ? '  # no dial plan' : dialPlan}
${notRegisteredLines(input)}
  handle_ruri_alias();
  t_relay();
  exit;
}

onreply_route {
  if (proto == WS || proto == WSS) { add_contact_alias(); }
}

event_route[xhttp:request] {
  if ($hu =~ "^/RPC") { jsonrpc_dispatch(); exit; }
  if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
    if (ws_handle_handshake()) exit;
  }
  xhttp_reply("404", "Not Found", "", "");
}
`;
}
