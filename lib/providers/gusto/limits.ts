import { processWide } from '../process-wide';
import { createRateBudget, type RateBudget } from '../http/budget';

/**
 * Gusto allows 200 requests per rolling minute per grant, and each grant reaches one company,
 * so the budget is keyed by company. Shared by every Gusto client in the process.
 */
export const GUSTO_MINUTE_BUDGET = 180;
// On processWide, not module state: every bundle's Gusto client must count against the same budget.
export const sharedGustoBudget: RateBudget = processWide('providers.gusto.minuteBudget', () => createRateBudget({ limit: GUSTO_MINUTE_BUDGET, windowMs: 60_000 }));
