import { assertCents, centsToDecimalString, type Cents } from './cents';

/**
 * Formats are cached because Intl.NumberFormat construction is slow relative to format(),
 * and a proposal list formats many totals.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * 123450 → "1,234.50": an amount as a money field shows it, grouped in thousands as every total
 * on the page is ("$1,234.50"), without the symbol the field's label carries. A price typed
 * "1,250.50" came back "1250.50" after a save (a trial). parseMoney reads it back exactly.
 */
export function formatAmountInput(cents: Cents): string {
  const text = centsToDecimalString(cents);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? text.slice(1) : text).split('.');
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/**
 * "$1,234.50" for the app's own currency, built from the exact decimal text without Intl.
 * The first Intl number or date format in a browser tab loads the locale data: about 200 ms
 * of main thread on a throttled phone (measured in Chromium, 4× CPU slowdown), and the
 * proposal editor shows a total as it hydrates. The tests hold it equal to Intl's output.
 */
function formatAudEnAu(cents: Cents): string {
  const amount = formatAmountInput(cents);
  return amount.startsWith('-') ? `-$${amount.slice(1)}` : `$${amount}`;
}

/**
 * 123450 → "$1,234.50". The value is handed to Intl as an exact decimal string, not
 * cents / 100, so even amounts near the safe-integer limit print their true cents.
 * Cents are hundredths, so this is for two-decimal currencies (AUD, NZD, USD, GBP, …).
 */
export function formatMoney(cents: Cents, currency = 'AUD', locale = 'en-AU'): string {
  assertCents(cents);
  if (currency === 'AUD' && locale === 'en-AU') return formatAudEnAu(cents);
  // Intl's typings predate string input (ES2023), which Node 20 supports exactly.
  return formatter(currency, locale).format(centsToDecimalString(cents) as unknown as number);
}
