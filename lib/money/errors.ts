/**
 * Money failures carry a stable `code` for zod refinements and form errors, and a
 * message that can be shown to the person who typed the value.
 */
export type MoneyErrorCode = 'empty' | 'invalid' | 'negative' | 'too_many_decimals' | 'too_large' | 'not_integer';

export class MoneyError extends Error {
  readonly code: MoneyErrorCode;

  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.code = code;
  }
}
