import { test as setup } from '@playwright/test';
import { ADMIN_STATE, AUTHOR_STATE, DEMO, signIn } from './fixtures';

setup('sign in the demo admin', async ({ page }) => {
  await signIn(page, DEMO.admin.email, DEMO.admin.password);
  await page.context().storageState({ path: ADMIN_STATE });
});

setup('sign in the demo author', async ({ page }) => {
  await signIn(page, DEMO.author.email, DEMO.author.password);
  await page.context().storageState({ path: AUTHOR_STATE });
});
