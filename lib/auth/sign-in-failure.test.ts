import { CredentialsSignin } from 'next-auth';
import { describe, expect, it } from 'vitest';
import { signInFailureOf } from './sign-in-failure';

class Throttled extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `throttled:${seconds}`;
  }
}

describe('signInFailureOf', () => {
  it.each([
    ['a wrong password', new CredentialsSignin(), { kind: 'wrong_credentials' }],
    ['a throttled attempt', new Throttled(42), { kind: 'throttled', retryAfterSeconds: 42 }],
    // An error made by another copy of next-auth: same fields, another class.
    ['a copy from another bundle', Object.assign(new Error('x'), { type: 'CredentialsSignin', code: 'throttled:7' }), { kind: 'throttled', retryAfterSeconds: 7 }],
    ['a malformed throttle code', Object.assign(new Error('x'), { type: 'CredentialsSignin', code: 'throttled:soon' }), { kind: 'wrong_credentials' }],
    ['another Auth.js error', Object.assign(new Error('x'), { type: 'CallbackRouteError' }), null],
    ['a plain error', new Error('database down'), null],
    ['not an error', 'oops', null],
  ])('%s', (_name, error, expected) => {
    expect(signInFailureOf(error)).toEqual(expected);
  });
});
