export declare const DEMO_LOGINS: {
  admin: { email: string; password: string };
  author: { email: string; password: string };
};
