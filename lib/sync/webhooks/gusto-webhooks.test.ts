import { describe, expect, it } from 'vitest';
import { intentOf, parseGustoDelivery } from './gusto-delivery';
import { gustoSignature, verifyGustoSignature } from './gusto-signature';

const TOKEN = 'asefasedfe23e234easd';
const BODY = JSON.stringify({
  uuid: 'f7397a24-57ad-4fae-b011-d258e8232900',
  event_type: 'company.updated',
  resource_type: 'Company',
  resource_uuid: '92a20431-9489-4bde-ad27-6feb20b969d5',
  entity_type: 'Company',
  entity_uuid: '92a20431-9489-4bde-ad27-6feb20b969d5',
  timestamp: 1686784995,
});
const SIGNED = gustoSignature(BODY, TOKEN);

describe('verifyGustoSignature', () => {
  it('is the hex HMAC-SHA256 of the raw body keyed by the verification token', async () => {
    const { createHmac } = await import('node:crypto');
    expect(SIGNED).toBe(createHmac('sha256', TOKEN).update(BODY).digest('hex'));
    expect(SIGNED).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['a valid signature', BODY, SIGNED, TOKEN, { ok: true }],
    ['upper-case hex', BODY, SIGNED.toUpperCase(), TOKEN, { ok: true }],
    ['surrounding spaces', BODY, ` ${SIGNED} `, TOKEN, { ok: true }],
    ['the wrong key', BODY, SIGNED, 'another-token', { ok: false, reason: 'mismatch' }],
    ['an altered body', BODY.replace('company.updated', 'company.provisioned'), SIGNED, TOKEN, { ok: false, reason: 'mismatch' }],
    ['the body re-serialised (whitespace)', JSON.stringify(JSON.parse(BODY), null, 1), SIGNED, TOKEN, { ok: false, reason: 'mismatch' }],
    ['a missing header', BODY, null, TOKEN, { ok: false, reason: 'missing_signature' }],
    ['an empty header', BODY, '', TOKEN, { ok: false, reason: 'missing_signature' }],
    ['a truncated signature', BODY, SIGNED.slice(0, 63), TOKEN, { ok: false, reason: 'malformed_signature' }],
    ['a signature that is not hex', BODY, 'z'.repeat(64), TOKEN, { ok: false, reason: 'malformed_signature' }],
    ['a sha256= prefix (another vendor’s format)', BODY, `sha256=${SIGNED}`, TOKEN, { ok: false, reason: 'malformed_signature' }],
    ['no verification token yet', BODY, SIGNED, null, { ok: false, reason: 'no_verification_token' }],
  ])('%s', (_name, body, header, token, expected) => {
    expect(verifyGustoSignature(body, header, token)).toEqual(expected);
  });

  it('checks the bytes as received, not a decoded string', () => {
    const bytes = new TextEncoder().encode(BODY);
    expect(verifyGustoSignature(bytes, SIGNED, TOKEN)).toEqual({ ok: true });
  });
});

describe('parseGustoDelivery and intentOf', () => {
  it('recognises the verification delivery', () => {
    expect(parseGustoDelivery(JSON.stringify({ verification_token: TOKEN }))).toEqual({ kind: 'verification', verificationToken: TOKEN });
  });

  it('reads an event and turns a company change into a refresh of that company', () => {
    const delivery = parseGustoDelivery(BODY);
    expect(delivery.kind).toBe('event');
    if (delivery.kind !== 'event') return;
    expect(intentOf(delivery.event)).toEqual({ kind: 'refresh_company', companyUuid: '92a20431-9489-4bde-ad27-6feb20b969d5', eventId: 'f7397a24-57ad-4fae-b011-d258e8232900' });
  });

  it.each([
    ['company.updated', 'refresh_company'],
    ['location.updated', 'refresh_company'],
    ['location.created', 'refresh_company'],
    ['company.provisioned', 'refresh_company'],
    ['company.deprovisioned', 'company_deprovisioned'],
    ['payroll.submitted', 'ignore'],
    ['employee.bank_account.created', 'ignore'],
  ])('%s → %s', (eventType, kind) => {
    expect(intentOf({ uuid: 'e-1', event_type: eventType, resource_type: 'Company', resource_uuid: 'c-1' }).kind).toBe(kind);
  });

  it('an event naming no company is ignored, with the reason', () => {
    expect(intentOf({ uuid: 'e-2', event_type: 'company.updated' })).toEqual({ kind: 'ignore', eventId: 'e-2', why: 'names no company' });
  });

  it.each([
    ['not JSON', '{oops'],
    ['no uuid', JSON.stringify({ event_type: 'company.updated' })],
    ['an array', '[]'],
    ['an empty verification token', JSON.stringify({ verification_token: '' })],
  ])('refuses %s with a reason', (_name, body) => {
    expect(parseGustoDelivery(body)).toMatchObject({ kind: 'invalid', reason: expect.any(String) });
  });
});
