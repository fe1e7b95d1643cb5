/**
 * When the platform wants the agent's own device to pick up by itself. A click-to-call first
 * rings the agent's device and only then dials the customer, so answering that first leg
 * by hand would be a pointless extra click. PBXs say "answer this yourself" in several ways:
 * `Call-Info: answer-after=N` and `Alert-Info` auto-answer/intercom are the common ones
 * (Kazoo, Asterisk, FreeSWITCH). AntBuddy does not document its own; `X-AntBuddy-ClickToCall`
 * is our convention for a deployment that can add a header, not something AntBuddy is known to send.
 */
export interface AutoAnswerHeaders {
  /** Every `Call-Info` header value of the INVITE. */
  readonly callInfo: readonly string[];
  /** Every `Alert-Info` header value of the INVITE. */
  readonly alertInfo: readonly string[];
  /** Every `X-AntBuddy-ClickToCall` header value of the INVITE. */
  readonly clickToCall: readonly string[];
}

/** `answer-after=0`, `answer-after = 5`: any delay counts, the phone answers at once. */
const ANSWER_AFTER = /(?:^|[;,\s])answer-after\s*=\s*\d+/i;
const ALERT_AUTO_ANSWER = /auto[-_]answer|intercom/i;
/** A click-to-call marker that is present but switched off. */
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

export function asksForAutoAnswer(headers: AutoAnswerHeaders): boolean {
  if (headers.callInfo.some((value) => ANSWER_AFTER.test(value))) return true;
  if (headers.alertInfo.some((value) => ALERT_AUTO_ANSWER.test(value) || ANSWER_AFTER.test(value))) return true;
  return headers.clickToCall.some((value) => {
    const word = value.trim().toLowerCase();
    return word !== '' && !FALSE_WORDS.has(word);
  });
}
