import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { gustoWebhookSubscriptions } from '@/db/schema';
import { openSecret, parseKeyring, sealSecret } from '@/lib/crypto';
import { tokenKeyringSpec } from '@/lib/secrets';
import { verificationTokenAad } from './verification-token-aad';

/**
 * The deployment's Gusto webhook subscriptions and their verification tokens. The token is
 * the HMAC key for every event, so it is sealed as OAuth tokens are (lib/integrations/
 * token-sealing.ts), with the subscription's uuid as associated data: a sealed value copied
 * to another row does not open.
 */
const aad = verificationTokenAad;

function keyring() {
  // Parsed per call: a cache here would be module state split across Next's bundles.
  return parseKeyring(tokenKeyringSpec());
}

export function sealVerificationToken(subscriptionUuid: string, token: string): string {
  return sealSecret(token, aad(subscriptionUuid), keyring());
}

/** Records a subscription Gusto holds for our URL; a known one keeps its token and status. */
export async function recordSubscription(subscriptionUuid: string, url: string): Promise<void> {
  const db = await getDb();
  await db.insert(gustoWebhookSubscriptions).values({ subscriptionUuid, url }).onConflictDoUpdate({ target: gustoWebhookSubscriptions.subscriptionUuid, set: { url } });
}

export type StoreTokenResult = 'stored' | 'no_pending_subscription';

/**
 * The verification delivery is unsigned (the receiver has no key yet), so anyone could send
 * one: it only ever fills a subscription that is still pending — never replaces the key of a
 * verified one — and the token is proven by Gusto's `verify` before any event is trusted.
 * Gusto's delivery may name the subscription; without it, the newest pending one takes it.
 */
export async function storeVerificationToken(token: string, subscriptionUuid?: string): Promise<StoreTokenResult> {
  const db = await getDb();
  const [target] = await db
    .select({ subscriptionUuid: gustoWebhookSubscriptions.subscriptionUuid })
    .from(gustoWebhookSubscriptions)
    .where(and(eq(gustoWebhookSubscriptions.status, 'pending'), subscriptionUuid ? eq(gustoWebhookSubscriptions.subscriptionUuid, subscriptionUuid) : undefined))
    .orderBy(desc(gustoWebhookSubscriptions.createdAt))
    .limit(1);
  if (!target) return 'no_pending_subscription';
  await db
    .update(gustoWebhookSubscriptions)
    .set({ verificationTokenSealed: sealVerificationToken(target.subscriptionUuid, token) })
    .where(and(eq(gustoWebhookSubscriptions.subscriptionUuid, target.subscriptionUuid), eq(gustoWebhookSubscriptions.status, 'pending')));
  return 'stored';
}

export interface StoredSubscription {
  subscriptionUuid: string;
  status: 'pending' | 'verified' | 'failed';
  verificationToken: string | null;
}

export async function loadSubscription(subscriptionUuid: string): Promise<StoredSubscription | null> {
  const db = await getDb();
  const [row] = await db.select().from(gustoWebhookSubscriptions).where(eq(gustoWebhookSubscriptions.subscriptionUuid, subscriptionUuid));
  if (!row) return null;
  return { subscriptionUuid: row.subscriptionUuid, status: row.status, verificationToken: openToken(row.subscriptionUuid, row.verificationTokenSealed) };
}

/** A subscription this deployment does not have (or whose token it lost) starts over as pending. */
export async function resetSubscription(subscriptionUuid: string): Promise<void> {
  const db = await getDb();
  await db
    .update(gustoWebhookSubscriptions)
    .set({ status: 'pending', verificationTokenSealed: null, verifiedAt: null })
    .where(eq(gustoWebhookSubscriptions.subscriptionUuid, subscriptionUuid));
}

export async function markSubscription(subscriptionUuid: string, status: 'verified' | 'failed'): Promise<void> {
  const db = await getDb();
  await db
    .update(gustoWebhookSubscriptions)
    .set(status === 'verified' ? { status, verifiedAt: new Date() } : { status })
    .where(eq(gustoWebhookSubscriptions.subscriptionUuid, subscriptionUuid));
}

export async function hasVerifiedSubscription(url: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: gustoWebhookSubscriptions.id })
    .from(gustoWebhookSubscriptions)
    .where(and(eq(gustoWebhookSubscriptions.url, url), eq(gustoWebhookSubscriptions.status, 'verified')))
    .limit(1);
  return Boolean(row);
}

/** The keys events may be signed with: every verified subscription's token. */
export async function verifiedTokens(): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ subscriptionUuid: gustoWebhookSubscriptions.subscriptionUuid, sealed: gustoWebhookSubscriptions.verificationTokenSealed })
    .from(gustoWebhookSubscriptions)
    .where(eq(gustoWebhookSubscriptions.status, 'verified'));
  return rows.map((r) => openToken(r.subscriptionUuid, r.sealed)).filter((t): t is string => t !== null);
}

function openToken(subscriptionUuid: string, sealed: string | null): string | null {
  if (!sealed) return null;
  try {
    return openSecret(sealed, aad(subscriptionUuid), keyring());
  } catch {
    // A value sealed for another row, or under a key no longer configured: as good as none.
    return null;
  }
}
