// Kept in step with db/seed.ts (a unit test checks they match).
export const DEMO_LOGINS = {
  admin: { email: 'admin@demo.practicesync.test', password: 'demo-admin-password' },
  author: { email: 'author@demo.practicesync.test', password: 'demo-author-password' },
};
