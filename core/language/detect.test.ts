import { describe, expect, it } from 'vitest';
import { otherLanguage } from './detect.ts';

describe('otherLanguage', () => {
  it('names the other language when a message is clearly in it', () => {
    expect(otherLanguage('where is my order', 'nl')).toBe('en');
    expect(otherLanguage('wheres my stuff?? ordered it last week', 'nl')).toBe('en');
    expect(otherLanguage('waar blijft mijn pakketje', 'en')).toBe('nl');
    expect(otherLanguage('hoe kan ik mn bestelling annuleren', 'en')).toBe('nl');
    expect(otherLanguage('kunde gij da ni terugzenden', 'en')).toBe('nl');
  });

  it('says nothing for the expected language, one word, or a mix', () => {
    expect(otherLanguage('waar blijft mijn pakketje', 'nl')).toBeNull();
    expect(otherLanguage('where is my order', 'en')).toBeNull();
    expect(otherLanguage('retour', 'en')).toBeNull();
    expect(otherLanguage('klarna', 'nl')).toBeNull();
    expect(otherLanguage('track and trace', 'nl')).toBeNull();
    expect(otherLanguage('mijn order is nog niet delivered', 'nl')).toBeNull();
  });
});
