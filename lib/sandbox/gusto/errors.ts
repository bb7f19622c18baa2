/** Gusto's error shape: `{"errors":[{"error_key","category","message"}]}`. */
import { json } from '../http';
import type { SandboxResponse } from '../types';

export function gustoError(status: number, category: string, message: string, errorKey = 'base', headers: Record<string, string> = {}): SandboxResponse {
  return json(status, { errors: [{ error_key: errorKey, category, message }] }, headers);
}
