import type { IdentityDifference, IdentityField } from '@/lib/clients/identity-differences';
import type { DifferingNumber } from '@/lib/sync/matching';

const FIELD_LABEL: Readonly<Record<IdentityField, string>> = {
  taxNumber: 'Tax number',
  businessNumber: 'Business number',
  email: 'Email',
  city: 'City',
  phone: 'Phone',
};

/**
 * Each side stays whole on a phone, so a line breaks between "XPM: …" and "This client: …", never
 * inside one ("This" on one line, "client: ending 789" on the next read as two things); an email
 * too long for the width may still break within its side.
 */
const SIDE_CLASS: Readonly<Record<IdentityField, string>> = {
  taxNumber: 'whitespace-nowrap',
  businessNumber: 'whitespace-nowrap',
  phone: 'whitespace-nowrap',
  city: 'inline-block',
  email: 'inline-block break-all',
};

const CONFLICT_TEXT: Readonly<Record<DifferingNumber, string>> = {
  tax_number: 'Different tax numbers: probably a different business.',
  business_number: 'Different business numbers: probably a different business.',
};

export function conflictText(conflict: DifferingNumber): string {
  return CONFLICT_TEXT[conflict];
}

/**
 * What differs between a picked app record and a client here that looks like it, one line a field:
 * "Tax number — XPM: ending 512 · This client: ending 321".
 */
export function IdentityDifferenceLines({ label, differences }: { label: string; differences: readonly IdentityDifference[] }) {
  if (differences.length === 0) return null;
  return (
    <ul className="mt-1 text-xs text-slate-800" aria-label="What differs">
      {differences.map((d) => (
        <li key={d.field}>
          <span className="font-medium">{FIELD_LABEL[d.field]}</span> —{' '}
          <span className={SIDE_CLASS[d.field]}>
            {label}: {d.inApp}
          </span>{' '}
          · <span className={SIDE_CLASS[d.field]}>This client: {d.here}</span>
        </li>
      ))}
    </ul>
  );
}
