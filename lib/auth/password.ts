import bcrypt from 'bcryptjs';

// bcryptjs is pure JavaScript: no native build step, which npm 11 would not run anyway.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;

/**
 * Compared against when the email is unknown, so a wrong email takes as long as a wrong
 * password and timing does not reveal which accounts exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= bcrypt.hash('not-a-real-password', COST);
  return dummyHash;
}
