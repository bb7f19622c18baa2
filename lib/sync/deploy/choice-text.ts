import type { DeploymentChoiceReason } from '@/db/schema/deployments';
import { normalizeTaxNumber } from '@/lib/sync/matching/tax-number';

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
 * its last four digits — it is a secret the page need not spell out to tell two apart.
 */
function ownNumber(reason: 'tax_number_differs' | 'business_number_differs', number: string | null): string {
  const normalized = normalizeTaxNumber(number);
  if (!number || !normalized) return '';
  return reason === 'business_number_differs' ? ` (${number.trim()} here)` : ` (ending ${normalized.digits.slice(-4)} here)`;
}

/** "Business number in XPM: 32 577 062 306"; XPM masks tax numbers, so "Tax number in XPM ends 2333". */
export function differingNumberText(reason: DeploymentChoiceReason | null, number: string): string {
  if (reason !== 'tax_number_differs') return `Business number in XPM: ${number}`;
  const normalized = normalizeTaxNumber(number);
  return `Tax number in XPM ends ${normalized ? normalized.digits.slice(-4) : number}`;
}
