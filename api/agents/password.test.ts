import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, generatePassword, hashPassword, passwordProblem, verifyNothing, verifyPassword } from './password.ts';

const cheap = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('hash with scrypt, a random salt and the cost written into the hash', async () => {
    const a = await hashPassword('correct horse battery staple', cheap);
    const b = await hashPassword('correct horse battery staple', cheap);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
  });

  it('verify the right password only', async () => {
    const stored = await hashPassword('correct horse battery staple', cheap);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treat composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('wachtwoord café 2026', cheap);
    expect(await verifyPassword('wachtwoord cafe\u0301 2026', stored)).toBe(true);
  });

  it.each(['', 'bcrypt$2b$10$abc', 'scrypt$1024$8$1$c2FsdA==', 'scrypt$x$8$1$c2FsdA==$a2V5', 'scrypt$1024$8$1$c2FsdA==$dG9vIHNob3J0'])(
    'never match a malformed hash %j',
    async (stored) => {
      expect(await verifyPassword('anything', stored)).toBe(false);
    },
  );

  it('use OWASP-level cost by default', () => {
    // N · r · p = 2^20: the cost of OWASP's N = 2^17, r = 8, p = 1, at half its memory.
    expect(DEFAULT_COST.N * DEFAULT_COST.r * DEFAULT_COST.p).toBe(2 ** 20);
    expect(DEFAULT_COST.N).toBeGreaterThanOrEqual(2 ** 16);
  });

  it('spend the time of a verification on an unknown account, and fail', { timeout: 30_000 }, async () => {
    expect(await verifyNothing('whatever')).toBe(false);
  });

  it('generate long random passwords that pass the rules', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(password);
    expect(passwordProblem(password)).toBeNull();
  });

  it.each([
    ['short', 'must be at least 12 characters'],
    ['x'.repeat(257), 'must be at most 256 characters'],
  ])('refuse %j for a new account', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
