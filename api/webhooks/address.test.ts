import { describe, expect, it } from 'vitest';
import { checkTarget, isPrivateAddress, parseTarget, TargetRefused } from './address.ts';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd12:3456:789a::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    '2002:808:808::1',
    '2001::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '64:ff9b::808:808',
    '64:ff9b:1::a00:1',
    '::127.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '2001:4860:4860::8888',
    '2001:db9::1',
  ])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('checkTarget', () => {
  it.each([
    ['ftp://hooks.example/x', 'must be an http:// or https:// URL'],
    ['file:///etc/passwd', 'must be an http:// or https:// URL'],
    ['hooks.example/x', 'must be an absolute http:// or https:// URL'],
  ])('refuses %s: %s', async (url, message) => {
    await expect(checkTarget(url, true)).rejects.toThrow(message);
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://169.254.169.254/latest/meta-data/',
    // WHATWG URL parsing turns these spellings of 127.0.0.1 into the dotted form before the check.
    'http://2130706433/',
    'http://0x7f.1/',
    'http://localhost:4321/',
  ])('refuses the private target %s', async (url) => {
    await expect(checkTarget(url, false)).rejects.toBeInstanceOf(TargetRefused);
    await expect(checkTarget(url, true)).resolves.toBeInstanceOf(URL);
  });

  it('allows a public address', async () => {
    expect((await checkTarget('https://93.184.215.14/hook', false)).href).toBe('https://93.184.215.14/hook');
  });

  it('parses without DNS', () => {
    expect(parseTarget('HTTPS://Hooks.Example:8443/a?b=c').href).toBe('https://hooks.example:8443/a?b=c');
  });
});
