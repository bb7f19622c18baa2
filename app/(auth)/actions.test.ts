import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { OpenDatabase } from '@/db/open';
import { LIMITS } from '@/lib/auth/throttle';
import { testDatabases } from '@/test/databases';
import { createPracticeMembers } from '@/test/members-fixture';
import { installTestDatabase, uninstallTestDatabase } from '@/test/use-test-database';

/** The sign-up action as the browser calls it: only the request's headers and redirect are stand-ins. */
const request = vi.hoisted(() => ({ address: '192.0.2.50' }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': request.address }) }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error('redirect'), { redirectedTo: to });
  },
}));

const { signUpAction } = await import('./actions');

async function submit(email: string): Promise<unknown> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ practiceName: 'Newco', name: 'Nia', email, password: 'a-long-new-password', timezone: 'UTC' })) form.set(k, v);
  try {
    return { returned: await signUpAction(null, form) };
  } catch (error) {
    const to = (error as { redirectedTo?: string }).redirectedTo;
    if (!to) throw error;
    // The email is echoed back to prefill sign-in; everything else must be identical.
    return { redirectedTo: to.replace(encodeURIComponent(email), '<email>') };
  }
}

describe.each(testDatabases())('sign-up action on $name', (target) => {
  let database: OpenDatabase;
  let a: Awaited<ReturnType<typeof createPracticeMembers>>;

  beforeAll(async () => {
    database = await installTestDatabase(target);
    a = await createPracticeMembers(database.db, 'Alpha');
  });
  afterAll(() => uninstallTestDatabase(database));

  test('a new and a registered email get the same answer', async () => {
    request.address = '192.0.2.51';
    const fresh = await submit(`new-${randomUUID().slice(0, 8)}@example.com`);
    const registered = await submit(a.admin.email);
    expect(fresh).toEqual({ redirectedTo: '/sign-in?practice=ready&email=<email>' });
    expect(registered).toEqual(fresh);
  });

  test('past the limit for an address, a clear message and the typed email kept', async () => {
    request.address = '192.0.2.52';
    for (let i = 0; i < LIMITS.sign_up_address.max; i++) await submit(a.admin.email);
    const email = `late-${randomUUID().slice(0, 8)}@example.com`;
    expect(await submit(email)).toEqual({
      returned: {
        ok: false,
        code: 'rate_limited',
        email,
        formError: expect.stringMatching(/^Too many new practices were created from your network\. Try again in \d+ (seconds?|minutes?)\.$/),
      },
    });
  });
});
