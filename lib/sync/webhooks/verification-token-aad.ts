/**
 * The associated data a subscription's verification token is sealed with: its own uuid, so
 * a sealed value copied to another subscription's row fails to open. Apart from the store
 * (which is server-only) so a test that prepares a deployment's database can seal one too.
 */
export function verificationTokenAad(subscriptionUuid: string): string {
  return `gusto_webhook_verification_token:${subscriptionUuid}`;
}
