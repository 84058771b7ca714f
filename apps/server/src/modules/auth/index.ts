/** What other modules may use from auth. */
export { accounts, sessions } from './auth.tables.ts';
export { hashPassword, verifyDummy, verifyPassword } from './passwords.ts';
export { purgeExpiredSessions, resolveSession, SESSION_COOKIE } from './auth.service.ts';
