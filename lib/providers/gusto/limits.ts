import { createRateBudget, type RateBudget } from '../http/budget';

/**
 * Gusto allows 200 requests per rolling minute per grant, and each grant reaches one company,
 * so the budget is keyed by company. Shared by every Gusto client in the process.
 */
export const GUSTO_MINUTE_BUDGET = 180;
export const sharedGustoBudget: RateBudget = createRateBudget({ limit: GUSTO_MINUTE_BUDGET, windowMs: 60_000 });
