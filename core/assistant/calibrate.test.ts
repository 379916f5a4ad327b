import { describe, expect, it } from 'vitest';
import { calibrateThresholds, decisionFigures, type CalibrationSample } from './calibrate.ts';

const sample = (confidence: number, rank: number, outOfScope = false, second = 0): CalibrationSample => ({
  confidence,
  scores: [confidence, second, 0],
  rank,
  outOfScope,
});

describe('calibrateThresholds', () => {
  const samples: CalibrationSample[] = [
    // In scope: confident and right, less confident and sometimes wrong.
    ...[0.9, 0.85, 0.8, 0.75, 0.7].map((confidence) => sample(confidence, 0)),
    sample(0.5, 1, false, 0.4),
    sample(0.45, 0),
    sample(0.4, 2, false, 0.3),
    sample(0.35, 0),
    // Out of scope: mostly low.
    ...[0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.45, 0.6].map((confidence) => sample(confidence, -1, true)),
  ];

  it('refuses the wanted share of out-of-scope messages', () => {
    const thresholds = calibrateThresholds(samples, { outOfScopeRefused: 0.75, answerPrecision: 0.95, clarifyRecall: 0.75 });
    expect(thresholds.nomatch).toBe(0.301);
    expect(decisionFigures(samples, thresholds).outOfScopeRefused).toBe(0.75);
  });

  it('answers outright only where answers are precise enough', () => {
    expect(calibrateThresholds(samples, { outOfScopeRefused: 0.5, answerPrecision: 0.95, clarifyRecall: 0.75 }).answer).toBe(0.7);
    expect(calibrateThresholds(samples, { outOfScopeRefused: 0.5, answerPrecision: 0.8, clarifyRecall: 0.75 }).answer).toBe(0.45);
  });

  it('needs both kinds of samples', () => {
    expect(() => calibrateThresholds(samples.filter((s) => !s.outOfScope))).toThrow('assistant: calibration needs in-scope and out-of-scope samples');
  });
});

describe('decisionFigures', () => {
  it('counts like answer() decides', () => {
    const figures = decisionFigures([sample(0.9, 0), sample(0.5, 1, false, 0.45), sample(0.1, 0), sample(0.05, -1, true), sample(0.6, -1, true)], {
      nomatch: 0.2,
      answer: 0.7,
      clarifyRatio: 0.5,
    });
    expect(figures).toEqual({ top1: 2 / 3, top3: 1, accuracyWithRefusals: 1 / 3, outOfScopeRefused: 0.5, answered: 1 / 3, clarified: 1 / 3, refused: 1 / 3 });
  });
});
