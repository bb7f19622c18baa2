import type { DeploymentChoiceReason } from '@/db/schema/deployments';
import { taxNumberEnding } from '@/lib/clients/tax-number';

/**
 * The proposal page's words for a deployment waiting on an admin (deployment-panel.tsx): why
 * nothing was picked, and, beside a candidate whose number differs, that number. Pure, so tests
 * pin the words.
 */
export function choiceReasonText(reason: DeploymentChoiceReason | null, candidates: number, clientNumber: string | null = null): string {
  switch (reason) {
    case 'linked_elsewhere':
      return 'The XPM client with this name is already linked to another client here, so it was not taken over.';
    case 'tax_number_differs':
    case 'business_number_differs':
      return `The XPM client with this name has a different ${reason === 'tax_number_differs' ? 'tax' : 'business'} number from this client’s${ownNumber(reason, clientNumber)}, so it may be another business and was not linked for you.`;
    case 'several_matches':
    case null:
      return `${candidates} XPM clients have this name, so none was picked for you.`;
  }
}

/**
 * The client's number in brackets: a business number whole (it is public), a tax number only by
 * its ending, as the client list shows it — a secret the page need not spell out to tell two apart.
 */
function ownNumber(reason: 'tax_number_differs' | 'business_number_differs', number: string | null): string {
  const ending = taxNumberEnding(number);
  if (!number || !ending) return '';
  return reason === 'business_number_differs' ? ` (${number.trim()} here)` : ` (ending ${ending} here)`;
}

/** "Business number in XPM: 32 577 062 306"; XPM masks tax numbers, so "Tax number in XPM ends 333". */
export function differingNumberText(reason: DeploymentChoiceReason | null, number: string): string {
  if (reason !== 'tax_number_differs') return `Business number in XPM: ${number}`;
  return `Tax number in XPM ends ${taxNumberEnding(number) ?? number}`;
}
