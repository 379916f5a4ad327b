import { describe, expect, it } from 'vitest';
import { correct, createSpeller, editDistance, maxEdits } from './spelling.ts';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit', () => {
    expect(editDistance('garatie', 'garantie', 2)).toBe(1);
    expect(editDistance('belgei', 'belgie', 2)).toBe(1);
    expect(editDistance('faktuur', 'factuur', 2)).toBe(1);
    expect(editDistance('retouneren', 'retourneren', 2)).toBe(1);
    expect(editDistance('kado', 'cadeau', 2)).toBe(3);
  });

  it('stops at the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('kort', 'kortingscode', 2)).toBe(3);
  });
});

describe('correct', () => {
  const speller = createSpeller(['garantie', 'account', 'bestelling', 'belgie', 'betalen', 'bestellen']);

  it('corrects an unknown word to the closest article word', () => {
    expect(correct(speller, 'garatie')).toBe('garantie');
    expect(correct(speller, 'acount')).toBe('account');
    expect(correct(speller, 'bestlling')).toBe('bestelling');
  });

  it('leaves known, short, far-off and numeric words alone', () => {
    expect(correct(speller, 'garantie')).toBeNull();
    expect(correct(speller, 'acc')).toBeNull();
    expect(correct(speller, 'fietsen')).toBeNull();
    expect(correct(speller, 'betal3n')).toBeNull();
  });

  it('gives a four-letter word back only a letter it dropped', () => {
    const four = createSpeller(['kopen', 'kapot', 'korte']);
    expect(correct(four, 'kopn')).toBe('kopen');
    expect(correct(four, 'kort')).toBe('korte');
    // A changed letter besides the dropped one is too far for four letters.
    expect(correct(four, 'kipe')).toBeNull();
  });

  it('does not take a word two letters longer or shorter for a typo', () => {
    const words = createSpeller(['voorbestellen', 'retourneren']);
    expect(correct(words, 'voorstellen')).toBeNull();
    // Two edits at the same length still are one: two letters swapped and one changed.
    expect(correct(words, 'retuornerem')).toBe('retourneren');
  });

  it('allows more edits for longer words', () => {
    expect(maxEdits(4)).toBe(0);
    expect(maxEdits(6)).toBe(1);
    expect(maxEdits(9)).toBe(2);
  });
});
