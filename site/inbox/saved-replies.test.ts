import { describe, expect, it } from 'vitest';
import { fillPlaceholders } from './saved-replies.ts';

describe('fillPlaceholders', () => {
  const values = { customerName: 'Kim', number: 'WW-1001', agentName: 'Sanne' };
  it('fills the Dutch and English names of each placeholder', () => {
    expect(fillPlaceholders('Hoi {klant}, over {ticket}. Groet, {medewerker}', values, 'nl')).toBe('Hoi Kim, over WW-1001. Groet, Sanne');
    expect(fillPlaceholders('Hi {Customer}, about {ticket}. {agent}', values, 'en')).toBe('Hi Kim, about WW-1001. Sanne');
  });
  it('uses a neutral word when the customer gave no name, and leaves unknown braces alone', () => {
    expect(fillPlaceholders('Hoi {klant}, {onbekend}', { ...values, customerName: null }, 'nl')).toBe('Hoi klant, {onbekend}');
    expect(fillPlaceholders('Hi {customer}', { ...values, customerName: '  ' }, 'en')).toBe('Hi customer');
  });
});
