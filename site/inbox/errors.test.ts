import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { actionErrorText, formatCount, sendErrorText } from './errors.ts';

describe('sendErrorText', () => {
  it('says a lost connection keeps the text, in the agent’s language', () => {
    const offline = new TypeError('Failed to fetch');
    expect(sendErrorText(offline, 'nl', 10)).toBe('Geen verbinding: niet verstuurd. Je tekst staat er nog; verstuur opnieuw zodra je weer online bent.');
    expect(sendErrorText(offline, 'en', 10)).toMatch(/^No connection: not sent\. Your text is still here/);
    expect(sendErrorText(offline, 'nl', 10)).not.toContain('Failed to fetch');
  });

  it('names the limit and the length for a reply that is too long', () => {
    const error = new ApiError(400, 'body must be at most 5000 characters', 'body');
    expect(sendErrorText(error, 'nl', 5123)).toBe(
      'Te lang: een antwoord mag hoogstens 5.000 tekens hebben (nu 5.123). Je tekst staat er nog; maak hem korter.',
    );
    expect(sendErrorText(error, 'en', 5123)).toContain('at most 5,000 characters (now 5,123)');
  });

  it('explains a closed ticket, a lost session and anything else without the API’s English', () => {
    expect(sendErrorText(new ApiError(409, 'WW-1 is closed; …'), 'nl', 3)).toMatch(/^Dit ticket is gesloten/);
    expect(sendErrorText(new ApiError(401, 'sign in first'), 'en', 3)).toMatch(/^You are no longer signed in/);
    expect(sendErrorText(new ApiError(500, 'internal'), 'nl', 3)).toBe('Versturen lukte niet (fout 500). Je tekst staat er nog; probeer het opnieuw.');
    expect(actionErrorText(new ApiError(503, 'x'), 'en')).toBe('That did not work (error 503). Please try again.');
    expect(actionErrorText(new TypeError('Failed to fetch'), 'nl')).toMatch(/^Geen verbinding/);
  });

  it('writes counts the way each language does', () => {
    expect(formatCount(5000, 'nl')).toBe('5.000');
    expect(formatCount(5000, 'en')).toBe('5,000');
  });
});
