import { describe, expect, test } from 'vitest';
import { RUN_SKIP_REASONS } from './skip-reason-values';
import { APP_IDS } from '@/lib/apps/registry';
import { skipReasonText } from './skip-reasons';

describe('skipReasonText: each reason a run records says why, in the app’s own words', () => {
  test('several clients: the name matches more than one client, and who links it', () => {
    expect(skipReasonText('gusto', 'several_clients')).toBe(
      'Its name matches more than one client here, so the sync did not choose one. An admin can link it from the right client’s page (Link to Gusto…).',
    );
  });

  test('in a preview, what a sync would do', () => {
    expect(skipReasonText('xpm', 'several_clients', 'would')).toBe(
      'Its name matches more than one client here, so a sync would not choose one. An admin can link it from the right client’s page (Link to XPM…).',
    );
    expect(skipReasonText('gusto', 'several_records', 'would')).toContain('so a sync would not choose between them');
  });

  test('several records: names the app’s own record noun', () => {
    expect(skipReasonText('gusto', 'several_records')).toContain('Another Gusto company has the same name');
    expect(skipReasonText('xpm', 'several_records')).toContain('Another XPM client has the same name');
  });

  test('linked meanwhile: a person’s link stands', () => {
    expect(skipReasonText('xpm', 'linked_meanwhile')).toBe('A person linked it, or the client it matched, while the run was going; the run left that link as the person made it.');
  });

  test('archived in the app: nothing sent, the client kept', () => {
    expect(skipReasonText('xpm', 'archived_in_app')).toBe('Archived or deleted in XPM, so nothing was sent to it. The client here is kept, and linked.');
  });

  test('a different number: names the number and the app, and how a person links them after all', () => {
    expect(skipReasonText('xpm', 'business_number_differs')).toBe(
      'Its name matches a client here, but its business number in XPM is different, so the sync did not link them: they look like two businesses. If they are one, an admin can link it from the client’s page (Link to XPM…).',
    );
    expect(skipReasonText('gusto', 'tax_number_differs', 'would')).toContain('but its tax number in Gusto is different, so a sync would not link them');
  });

  test.each(APP_IDS.flatMap((app) => RUN_SKIP_REASONS.map((reason) => [app, reason] as const)))('%s, %s: one or two full sentences, no blanks', (app, reason) => {
    const text = skipReasonText(app, reason);
    expect(text).toMatch(/^[A-Z].*\.$/);
    expect(text).not.toMatch(/undefined|null|\s{2}/);
  });
});
