import { describe, expect, test } from 'vitest';
import { choiceReasonText, differingNumberText } from './choice-text';

describe('choiceReasonText: why a deployment waits for an admin', () => {
  test.each([
    ['several_matches', 3, '3 XPM clients have this name, so none was picked for you.'],
    ['linked_elsewhere', 1, 'The XPM client with this name is already linked to another client here, so it was not taken over.'],
    ['business_number_differs', 1, 'The XPM client with this name has a different business number from this client’s, so it may be another business and was not linked for you.'],
    ['tax_number_differs', 1, 'The XPM client with this name has a different tax number from this client’s, so it may be another business and was not linked for you.'],
  ] as const)('%s', (reason, count, text) => {
    expect(choiceReasonText(reason, count)).toBe(text);
  });

  test('the client’s own number is set beside it: a business number whole, a tax number by its ending', () => {
    expect(choiceReasonText('business_number_differs', 1, ' 16 318 978 323 ')).toBe(
      'The XPM client with this name has a different business number from this client’s (16 318 978 323 here), so it may be another business and was not linked for you.',
    );
    expect(choiceReasonText('tax_number_differs', 1, '111 222 999')).toBe(
      'The XPM client with this name has a different tax number from this client’s (ending 999 here), so it may be another business and was not linked for you.',
    );
    expect(choiceReasonText('tax_number_differs', 1, '*****2999')).toContain('(ending 999 here)');
    expect(choiceReasonText('business_number_differs', 1, 'n/a')).toContain('from this client’s, so');
  });
});

describe('differingNumberText: the candidate’s number, as XPM shows it', () => {
  test.each([
    ['business_number_differs', '32 577 062 306', 'Business number in XPM: 32 577 062 306'],
    ['tax_number_differs', '*****2333', 'Tax number in XPM ends 333'],
    // XPM gives tax numbers masked; were one whole, the page still shows only its ending
    ['tax_number_differs', '111 222 333', 'Tax number in XPM ends 333'],
  ] as const)('%s %s', (reason, number, text) => {
    expect(differingNumberText(reason, number)).toBe(text);
  });
});
