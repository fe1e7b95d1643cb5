import { identityToken, identityTokens } from './agent-tokens';
import type { DirectoryAgent } from './store-types';

/**
 * The company's agents as the reader uses them: an agent named by any of its identities
 * stands for all of them (user name and extensions), and a name typed in the search box
 * finds the agents whose names contain it.
 */
export class DirectoryIndex {
  readonly #agents: readonly (DirectoryAgent & { readonly folded: string; readonly tokens: readonly string[] })[];
  readonly #byToken = new Map<string, DirectoryAgent>();

  constructor(agents: readonly (DirectoryAgent & { readonly nameFolded: string })[]) {
    this.#agents = agents.map((agent) => {
      const tokens = [identityToken(agent.username), ...agent.extensions.map(identityToken)].filter((t) => t !== '');
      for (const token of tokens) this.#byToken.set(token, agent);
      return { ...agent, folded: agent.nameFolded, tokens };
    });
  }

  /** Identities → every token under which their calls are filed. */
  expand(identities: readonly string[]): string[] {
    const tokens = new Set<string>();
    for (const identity of identities) {
      const own = identityToken(identity);
      if (own !== '') tokens.add(own);
      // `agent8001` finds the agent of extension 8001, whose calls may carry its user name instead.
      const agent = identityTokens(identity)
        .map((token) => this.#byToken.get(token))
        .find((found) => found !== undefined);
      if (agent) for (const t of this.tokensOf(agent)) tokens.add(t);
    }
    return [...tokens];
  }

  tokensOf(agent: DirectoryAgent): string[] {
    return [identityToken(agent.username), ...agent.extensions.map(identityToken)].filter((t) => t !== '');
  }

  /** Tokens of the agents whose (folded) name contains `folded`. */
  tokensForName(folded: string): string[] {
    const tokens = new Set<string>();
    for (const agent of this.#agents) if (agent.folded.includes(folded)) for (const t of agent.tokens) tokens.add(t);
    return [...tokens];
  }

  /** The agent behind a SIP user, user name or extension. */
  find(identity: string | null | undefined): DirectoryAgent | undefined {
    if (!identity) return undefined;
    for (const token of identityTokens(identity)) {
      const agent = this.#byToken.get(token);
      if (agent) return agent;
    }
    return undefined;
  }
}
