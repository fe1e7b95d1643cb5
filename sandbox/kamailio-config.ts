/**
 * Kamailio 5.6 configuration for the sandbox: a registrar + proxy for WebRTC phones over
 * plain WebSocket on loopback, with JSON-RPC over HTTP on the same TCP port (POST /RPC).
 * Derived from the project's known-good reference (shared/reference/kamailio-ws.cfg); only
 * the ports, the ctl socket (in the run's temp folder, not /var/run), the SIP domain alias
 * and the modules path are filled in per run. Kamailio checks no passwords here.
 */

export interface KamailioConfigInput {
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly sipDomain: string;
  readonly ctlSocketPath: string;
  readonly modulesPath: string;
}

export function kamailioConfig(input: KamailioConfigInput): string {
  for (const [name, value] of Object.entries(input)) {
    if (/["\n\\]/.test(String(value)))
      throw new Error(`kamailio config: ${name} contains a quote, backslash or newline`);
  }
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
    if (loose_route()) { handle_ruri_alias(); t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
    sl_send_reply("404", "Not here"); exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
  t_check_trans();
  if (proto == WS || proto == WSS) { add_contact_alias(); }
  record_route();
  if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
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
