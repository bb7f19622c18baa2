import { z } from 'zod';
import { APP_IDS } from './ids';

/** The zod enum of app ids for actions and forms; the message is the caller's (it speaks to its own form). */
export function appIdSchema(message = 'Unknown app.') {
  return z.enum(APP_IDS, { error: message });
}
