import { expect, type Page, test } from '@playwright/test';
import { ADMIN_STATE } from './fixtures';

/**
 * Security headers on every page and route, from `next start` (proxy.ts, next.config.mjs),
 * and no page breaking its own Content-Security-Policy.
 */
const sandboxOrigin = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? '4110'}`;

function directive(policy: string, name: string): string[] | undefined {
  const found = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found?.slice(1);
}

test.describe('signed in', () => {
  test.use({ storageState: ADMIN_STATE });

  test('pages and routes carry the CSP (fresh nonce each time; the JSON search a fixed allow-nothing one), Permissions-Policy and frame refusal; no HSTS over plain HTTP', async ({
    page,
    request,
  }) => {
    const nonces = new Set<string>();
    for (const path of ['/dashboard', '/clients', '/proposals/new', '/integrations', '/settings/members', '/no-such-page', '/api/client-search/duplicates?name=harb']) {
      const response = await request.get(path);
      const headers = response.headers();
      const policy = headers['content-security-policy'] ?? '';
      expect(policy, path).not.toBe('');
      const scriptSrc = directive(policy, 'script-src') ?? [];
      expect(scriptSrc, path).toContain("'strict-dynamic'");
      expect(scriptSrc, path).not.toContain("'unsafe-inline'");
      expect(scriptSrc, path).not.toContain("'unsafe-eval'");
      const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"));
      expect(nonce, path).toBeDefined();
      nonces.add(nonce ?? '');
      expect(directive(policy, 'frame-ancestors'), path).toEqual(["'none'"]);
      expect(directive(policy, 'object-src'), path).toEqual(["'none'"]);
      // Connecting an app posts to us and is redirected to the app's authorize page (the sandbox here).
      expect(directive(policy, 'form-action'), path).toEqual(["'self'", sandboxOrigin]);
      expect(headers['permissions-policy'], path).toContain('camera=()');
      expect(headers['x-frame-options'], path).toBe('DENY');
      expect(headers['x-content-type-options'], path).toBe('nosniff');
      expect(headers['strict-transport-security'], path).toBeUndefined();
    }
    expect(nonces.size).toBe(7);

    // The picker's search answers data only, with its own fixed policy (the proxy skips it):
    // nothing may load, run, frame or post from it.
    const search = await request.get('/api/client-search?q=harb');
    expect(search.status()).toBe(200);
    const headers = search.headers();
    const policy = headers['content-security-policy'] ?? '';
    expect(directive(policy, 'default-src')).toEqual(["'none'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(policy, 'form-action')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'none'"]);
    expect(directive(policy, 'script-src')).toBeUndefined(); // default-src 'none' applies
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-type']).toContain('application/json');
    expect(headers['strict-transport-security']).toBeUndefined();

    // The page's inline scripts carry the nonce of the policy they were served with.
    const response = await page.goto('/dashboard');
    const nonce = directive(response?.headers()['content-security-policy'] ?? '', 'script-src')
      ?.find((s) => s.startsWith("'nonce-"))
      ?.slice(7, -1);
    const inlineScripts = await page.locator('script:not([src])').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(inlineScripts.length).toBeGreaterThan(0);
    expect(new Set(inlineScripts)).toEqual(new Set([nonce]));
  });

  test('no page breaks its Content-Security-Policy', async ({ page }) => {
    const violations = await watchForViolations(page);
    for (const path of ['/dashboard', '/clients', '/clients/new', '/proposals', '/proposals/new', '/integrations', '/sync-history', '/settings/members']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)));
    }
    // The editor with the client picker searching (a fetch) and its results shown.
    await page.goto('/proposals/new');
    const picker = page.getByRole('combobox', { name: 'Find a client' });
    await picker.fill('kowhai');
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)));
    expect(violations).toEqual([]);
  });
});

test('the sign-in page keeps its policy too, signed out', async ({ page }) => {
  const violations = await watchForViolations(page);
  const response = await page.goto('/sign-in');
  expect(directive(response?.headers()['content-security-policy'] ?? '', 'frame-ancestors')).toEqual(["'none'"]);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  violations.push(...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)));
  expect(violations).toEqual([]);
});

/** Collects CSP violations two ways: the DOM event (added before any page script) and console reports. */
async function watchForViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame|send form)/i.test(message.text())) seen.push(`${page.url()}: ${message.text()}`);
  });
  return seen;
}
