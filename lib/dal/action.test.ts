import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { CommandError } from '@/lib/commands/errors';
import { FAILURE_CODES } from '@/lib/failure-codes';
import { ActionError, createActionHelper, MESSAGES } from './action';
import type { Member } from './session';

const admin: Member = { userId: 'u1', practiceId: 'p1', role: 'admin', name: 'A', email: 'a@x.test', practiceName: 'P', practiceTimezone: 'UTC' };
const author: Member = { ...admin, userId: 'u2', role: 'author' };
const schema = z.object({ title: z.string().min(1, 'Title is required.') });

function setup(member: Member | null, run = vi.fn(async () => 'done')) {
  const defineAction = createActionHelper(async () => member);
  const action = defineAction({ schema, roles: ['admin'], run });
  return { action, run };
}

describe('the action helper', () => {
  test('a signed-out call is refused before validation and never runs', async () => {
    const { action, run } = setup(null);
    expect(await action({ title: 'x' })).toEqual({ ok: false, code: 'signed_out', formError: MESSAGES.signedOut });
    expect(run).not.toHaveBeenCalled();
  });

  test('a member without the role is refused and it never runs', async () => {
    const { action, run } = setup(author);
    expect(await action({ title: 'x' })).toEqual({ ok: false, code: 'forbidden', formError: MESSAGES.forbidden });
    expect(run).not.toHaveBeenCalled();
  });

  test.each([[{}], [{ title: '' }], [null], ['a string'], [{ title: 42 }]])('invalid input %j gives field errors and never runs', async (input) => {
    const { action, run } = setup(admin);
    const result = await action(input);
    expect(result.ok).toBe(false);
    expect(result).toHaveProperty('formError', MESSAGES.invalid);
    expect(result).toHaveProperty('code', 'invalid');
    expect(run).not.toHaveBeenCalled();
  });

  test('field errors are keyed by the field path', async () => {
    const { action } = setup(admin);
    expect(await action({ title: '' })).toMatchObject({ fieldErrors: { title: ['Title is required.'] } });
  });

  test('a valid call by an allowed member runs with the parsed input and the member', async () => {
    const { action, run } = setup(admin);
    expect(await action({ title: 'Hello', extra: 'dropped' })).toEqual({ ok: true, data: 'done' });
    expect(run).toHaveBeenCalledWith({ title: 'Hello' }, admin);
  });

  test('an expected failure becomes its message', async () => {
    const { action } = setup(
      admin,
      vi.fn(async () => {
        throw new ActionError('That client does not exist.', { name: ['Taken'] });
      }),
    );
    expect(await action({ title: 'x' })).toEqual({ ok: false, code: 'invalid', formError: 'That client does not exist.', fieldErrors: { name: ['Taken'] } });
  });

  test('an ActionError from another copy of this module (another server bundle) is still expected', async () => {
    vi.resetModules();
    const other = await import('./action');
    expect(other.ActionError).not.toBe(ActionError);
    const { action } = setup(
      admin,
      vi.fn(async () => {
        throw new other.ActionError('That member no longer exists.');
      }),
    );
    expect(await action({ title: 'x' })).toEqual({ ok: false, code: 'refused', formError: 'That member no longer exists.' });
  });

  test('an unexpected failure is logged and shown as a generic message without details', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { action } = setup(
      admin,
      vi.fn(async () => {
        throw new Error('connection string postgres://secret@db');
      }),
    );
    const result = await action({ title: 'x' });
    expect(result).toEqual({ ok: false, code: 'unexpected', formError: MESSAGES.unexpected });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  test('a failed query is logged without its parameters (they are the input: search text, ids)', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failedQuery = Object.assign(new Error('Failed query: select "id" from "clients" where "name" ilike $1\nparams: %typed-secret%,p1'), {
      name: 'DrizzleQueryError',
      query: 'select "id" from "clients" where "name" ilike $1',
      params: ['%typed-secret%', 'p1'],
    });
    const { action } = setup(
      admin,
      vi.fn(async () => {
        throw failedQuery;
      }),
    );
    expect(await action({ title: 'x' })).toEqual({ ok: false, code: 'unexpected', formError: MESSAGES.unexpected });
    const logged = log.mock.calls.flat().map(String).join(' ');
    expect(logged).toContain('select "id" from "clients" where "name" ilike $1');
    expect(logged).not.toContain('typed-secret');
    log.mockRestore();
  });

  test.each([['stale'], ['not_found'], ['conflict'], ['rate_limited'], ['upstream']] as const)(
    'an expected failure carries its own code %s, so the UI never reads the words',
    async (code) => {
      const { action } = setup(
        admin,
        vi.fn(async () => {
          throw new ActionError('Someone else saved this first.', undefined, code);
        }),
      );
      expect(await action({ title: 'x' })).toEqual({ ok: false, code, formError: 'Someone else saved this first.' });
    },
  );

  test("a write command's refusal is an expected failure with the command's code, also from another copy of its module", async () => {
    const { action } = setup(
      admin,
      vi.fn(async () => {
        throw new CommandError('stale', 'Sync settings changed a moment ago — review and try again.');
      }),
    );
    expect(await action({ title: 'x' })).toEqual({ ok: false, code: 'stale', formError: 'Sync settings changed a moment ago — review and try again.' });
    vi.resetModules();
    const other = await import('@/lib/commands/errors');
    expect(other.CommandError).not.toBe(CommandError);
    const { action: again } = setup(
      admin,
      vi.fn(async () => {
        throw new other.CommandError('not_found', 'XPM is not connected.');
      }),
    );
    expect(await again({ title: 'x' })).toEqual({ ok: false, code: 'not_found', formError: 'XPM is not connected.' });
  });

  test('every failure a caller can see has a code from the closed set', async () => {
    const results = [
      await setup(null).action({ title: 'x' }),
      await setup(author).action({ title: 'x' }),
      await setup(admin).action({}),
      await setup(
        admin,
        vi.fn(async () => {
          throw new ActionError('No.');
        }),
      ).action({ title: 'x' }),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(FAILURE_CODES).toContain(result.code);
    }
  });
});
