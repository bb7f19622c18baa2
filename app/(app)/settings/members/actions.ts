'use server';

import { revalidatePath } from 'next/cache';
import { type ActionResult, defineAction } from '@/lib/dal/action';
import { addMember, changeMemberRole, removeMember } from '@/lib/dal/members';
import { formDataToObject } from '@/lib/forms/form-data';
import { addMemberSchema, changeRoleSchema, removeMemberSchema } from '@/lib/validation/member';

const ADMINS = ['admin'] as const;

export const addMemberAction = defineAction({
  schema: addMemberSchema,
  roles: ADMINS,
  async run(input, member) {
    await addMember(member, input);
    revalidatePath('/settings/members');
  },
});

export const changeRoleAction = defineAction({
  schema: changeRoleSchema,
  roles: ADMINS,
  async run({ userId, role }, member) {
    await changeMemberRole(member, userId, role);
    revalidatePath('/settings/members');
  },
});

export const removeMemberAction = defineAction({
  schema: removeMemberSchema,
  roles: ADMINS,
  async run({ userId }, member) {
    await removeMember(member, userId);
    revalidatePath('/settings/members');
  },
});

/** useActionState form adapter for the add-member form. */
export async function addMemberFormAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  return addMemberAction(formDataToObject(formData));
}
