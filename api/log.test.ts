import { describe, expect, it } from 'vitest';
import { describeError, oneLine } from './log.ts';

describe('describeError', () => {
  it('writes name, code, a redacted message without parameters, stack frames and causes', () => {
    const cause = Object.assign(new Error('duplicate key value (email)=(jan@example.nl) violates unique constraint'), { code: '23505' });
    const error = new Error('Failed query: insert into agents values ($1, $2)\nparams: jan@example.nl,0612345678', { cause });
    const written = describeError(error);
    expect(written.split('\n')[0]).toBe('Error: Failed query: insert into agents values ($1, $2) (parameters not logged)');
    expect(written).toMatch(/\n\s+at .*log\.test\.ts/);
    expect(written).toContain('caused by Error [23505]: duplicate key value (email)=([e-mail]) violates unique constraint');
    expect(written).not.toMatch(/jan@example\.nl|0612345678/);
  });

  it('writes something that is not an Error as one redacted line', () => {
    expect(describeError('bad\nthing for piet@example.com')).toBe('bad\\nthing for [e-mail]');
  });
});

describe('oneLine', () => {
  it('escapes CR and LF', () => {
    expect(oneLine('a\r\nerror: forged')).toBe('a\\r\\nerror: forged');
  });
});
