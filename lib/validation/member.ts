import { z } from 'zod';
import { requiredEmail, requiredText } from './fields';
import { currentZoneName, DEFAULT_TIME_ZONE } from '@/lib/time-zone-names';
import { isChoosableZone } from '@/lib/time-zones';

export const roleSchema = z.enum(['admin', 'author'], { error: 'Choose Admin or Author.' });

export const passwordSchema = z.string({ error: 'Password is required.' }).min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.');

export const addMemberSchema = z.object({
  name: requiredText(120, 'Name'),
  email: requiredEmail,
  password: passwordSchema,
  role: roleSchema,
});

export const changeRoleSchema = z.object({ userId: z.uuid('Not a valid member.'), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.uuid('Not a valid member.') });

export const signUpSchema = z.object({
  practiceName: requiredText(120, 'Practice name'),
  name: requiredText(120, 'Your name'),
  email: requiredEmail,
  password: passwordSchema,
  timezone: z
    .string()
    .trim()
    .default(DEFAULT_TIME_ZONE)
    .refine((tz) => isChoosableZone(tz), 'Choose a time zone from the list.')
    .transform(currentZoneName),
});

export const signInSchema = z.object({
  email: requiredEmail,
  password: z.string().min(1, 'Password is required.').max(200),
});
