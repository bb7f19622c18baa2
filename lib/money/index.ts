export { MoneyError, type MoneyErrorCode } from './errors';
export { assertCents, centsToDecimalString, lineTotalCents, parseMoney, sumCents, type Cents } from './cents';
export { formatAmountInput, formatMoney } from './format';
