import type { TokenSet } from './token-set';

/**
 * Where one grant's tokens live. The app implements it over its encrypted connections table;
 * the adapters only ever see this interface.
 *
 * `saveRotated` is a compare-and-swap: it persists `next` only if the stored refresh token is
 * still `previousRefreshToken`, so when two processes refresh at once exactly one write
 * wins and the loser adopts the winner's tokens (refresh tokens rotate: a stale one is dead).
 */
export interface TokenStore {
  /** The current tokens, or null when the connection is gone (disconnected, deleted). */
  load(): Promise<TokenSet | null>;
  saveRotated(previousRefreshToken: string, next: TokenSet): Promise<'saved' | 'conflict'>;
  /** The grant is unusable; show `reasonForPeople` on the connection card. */
  markNeedsReauth(reasonForPeople: string): Promise<void>;
}

/** For tests, scripts and the sandbox checks; keeps everything in memory. */
export interface MemoryTokenStore extends TokenStore {
  current(): TokenSet | null;
  needsReauth(): string | null;
  set(tokens: TokenSet | null): void;
}

export function createMemoryTokenStore(initial: TokenSet | null = null): MemoryTokenStore {
  let tokens = initial;
  let reauthReason: string | null = null;
  return {
    async load() {
      return tokens;
    },
    async saveRotated(previous, next) {
      if (!tokens || tokens.refreshToken !== previous) return 'conflict';
      tokens = next;
      return 'saved';
    },
    async markNeedsReauth(reason) {
      reauthReason = reason;
    },
    current: () => tokens,
    needsReauth: () => reauthReason,
    set(next) {
      tokens = next;
      reauthReason = null;
    },
  };
}
