import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3163';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext()).newPage();
await page.goto(base + '/sign-in');
await page.getByLabel('Email').fill('admin@demo.practicesync.test');
await page.getByLabel('Password').fill('demo-admin-password');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/dashboard/);
for (const path of ['/clients', '/clients/suggested-matches', '/clients', '/clients/suggested-matches', '/clients', '/clients/suggested-matches']) {
  const t = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(base + path);
    t.push(await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.responseStart - n.requestStart); }));
  }
  console.log(path, t.join(', '));
}
await browser.close();
