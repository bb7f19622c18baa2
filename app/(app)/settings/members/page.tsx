import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/page-header';
import { ArrivalAlert } from '@/components/shell/arrival-alert';
import { ArrivalNotice } from '@/components/shell/arrival-notice';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { listMembers } from '@/lib/dal/members';
import { requireMember } from '@/lib/dal/session';
import { MemberRoleSelect, RemoveMemberButton } from './_components/member-row-actions';
import { TableScroll } from '@/components/ui/table-scroll';

export const metadata: Metadata = { title: 'Members' };

/** The role as a word: CSS capitalising "admin" changed what is seen, not what a screen reader reads. */
const ROLE_NAME = { admin: 'Admin', author: 'Author' } as const;

export default async function MembersPage({ searchParams }: { searchParams: Promise<{ added?: string }> }) {
  const member = await requireMember();
  const [{ added }, members] = await Promise.all([searchParams, listMembers(member)]);
  const isAdmin = member.role === 'admin';
  const adminCount = members.filter((m) => m.role === 'admin').length;
  return (
    <>
      <PageHeader
        title="Members"
        description={`Everyone who works in ${member.practiceName}.`}
        actions={
          isAdmin ? (
            <Button asChild>
              <Link href="/settings/members/new">Add member</Link>
            </Button>
          ) : null
        }
      />
      {added ? (
        <ArrivalNotice params={['added']}>
          {/* The form that added them has gone with its page: focus goes to what was done, so a
              screen reader reads it (a live region already there as the page loads is not read; a
              trial heard nothing, with focus on the body) and Tab goes on to the members list. */}
          <ArrivalAlert tone="success" className="mb-4">
            Member added. They can sign in now with the password you set.
          </ArrivalAlert>
        </ArrivalNotice>
      ) : null}
      {!isAdmin ? (
        <Alert tone="info" className="mb-4">
          Only practice admins can add, change or remove members.
        </Alert>
      ) : null}
      <Card padding="none">
        <TableScroll label="Members" className="rounded-lg">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Members of {member.practiceName}</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Name
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">
                  Email
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Role
                </th>
                {isAdmin ? (
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Manage
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const onlyAdmin = m.role === 'admin' && adminCount === 1;
                return (
                  <tr key={m.userId} className="border-b border-slate-100 last:border-0">
                    <td className="px-4 py-3 align-top font-medium">
                      {m.name}
                      {/* A space, not only a margin: "Kay Board(you)" was read as one word. */}
                      {m.userId === member.userId ? <span className="text-xs text-slate-600"> (you)</span> : null}
                      {/* On a phone the email goes under the name, not in a column of its own. */}
                      <span className="block font-normal break-words text-slate-700 sm:hidden">{m.email}</span>
                    </td>
                    <td className="hidden px-4 py-3 align-top sm:table-cell">{m.email}</td>
                    <td className="px-4 py-3 align-top">
                      {isAdmin ? (
                        <MemberRoleSelect userId={m.userId} name={m.name} role={m.role} onlyAdmin={onlyAdmin} />
                      ) : (
                        <Badge tone={m.role === 'admin' ? 'info' : 'neutral'}>{ROLE_NAME[m.role]}</Badge>
                      )}
                    </td>
                    {isAdmin ? (
                      <td className="px-4 py-3 align-top">
                        <RemoveMemberButton userId={m.userId} name={m.name} isSelf={m.userId === member.userId} onlyAdmin={onlyAdmin} practiceName={member.practiceName} />
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </Card>
    </>
  );
}
