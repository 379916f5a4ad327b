/**
 * Calibrating the decision thresholds on labelled messages the model was not
 * trained on, some of them out of scope (their article is not in the corpus).
 *
 * - `nomatch`: the confidence below which the wanted share of
 *   out-of-scope messages is refused;
 * - `answer`: the lowest confidence from which answers are right at
 *   least `answerPrecision` of the time (in-scope messages);
 * - `clarifyRatio`: when the right article ranks second or third in the band
 *   between the two, how close to the top it is; the ratio is set so it is
 *   offered `clarifyRecall` of the time.
 */
import type { Thresholds } from './model.ts';

/** One calibration message as ranked by a model. */
export interface CalibrationSample {
  /** The reply's confidence (`confidenceOf` the top probability). */
  confidence: number;
  /** Probabilities of the ranked articles, highest first (at least the top 3 when there are). */
  scores: number[];
  /** Rank (0-based) of the right article among `scores`; -1 when out of scope or not ranked. */
  rank: number;
  /** True when the message's article is not in the corpus. */
  outOfScope: boolean;
}

/** What calibration aims for. */
export interface CalibrationTargets {
  /** Share of out-of-scope messages to refuse (default 0.65). */
  outOfScopeRefused: number;
  /** Share of outright answers that must be right (default 0.95). */
  answerPrecision: number;
  /** Share of "right article second or third" cases where it is offered (default 0.75). */
  clarifyRecall: number;
}

/** Defaults of {@link CalibrationTargets}. */
export const DEFAULT_CALIBRATION_TARGETS: CalibrationTargets = { outOfScopeRefused: 0.65, answerPrecision: 0.95, clarifyRecall: 0.75 };

function quantile(sortedAscending: readonly number[], share: number): number {
  if (sortedAscending.length === 0) return 0;
  const index = Math.min(sortedAscending.length - 1, Math.max(0, Math.ceil(share * sortedAscending.length) - 1));
  return sortedAscending[index]!;
}

/** Rounds up to 3 decimals, so a threshold read back from YAML keeps its meaning. */
function roundUp(value: number): number {
  return Math.ceil(value * 1000) / 1000;
}

/**
 * Chooses thresholds from calibration samples.
 * @throws Error when there are no in-scope or no out-of-scope samples
 */
export function calibrateThresholds(samples: readonly CalibrationSample[], targets: CalibrationTargets = DEFAULT_CALIBRATION_TARGETS): Thresholds {
  const inScope = samples.filter((sample) => !sample.outOfScope);
  const outOfScope = samples.filter((sample) => sample.outOfScope);
  if (inScope.length === 0 || outOfScope.length === 0) throw new Error('assistant: calibration needs in-scope and out-of-scope samples');
  const top = (sample: CalibrationSample) => sample.confidence;

  // Refusing p1 < t refuses the out-of-scope samples below t: t just above the wanted quantile.
  const outOfScopeTops = outOfScope.map(top).sort((a, b) => a - b);
  const nomatch = roundUp(quantile(outOfScopeTops, targets.outOfScopeRefused) + 1e-9);

  // Walk down from the most confident in-scope sample while precision holds.
  const byConfidence = [...inScope].sort((a, b) => top(b) - top(a));
  let right = 0;
  let answer = 1;
  byConfidence.forEach((sample, index) => {
    if (sample.rank === 0) right++;
    if (right / (index + 1) >= targets.answerPrecision) answer = top(sample);
  });
  answer = Math.max(nomatch, roundUp(answer));

  const ratios = inScope
    .filter((sample) => top(sample) >= nomatch && top(sample) < answer && (sample.rank === 1 || sample.rank === 2))
    .map((sample) => sample.scores[sample.rank]! / sample.scores[0]!)
    .sort((a, b) => a - b);
  // Offered when its ratio is at least clarifyRatio: keep the top `clarifyRecall` share.
  const clarifyRatio = ratios.length > 0 ? Math.floor(quantile(ratios, 1 - targets.clarifyRecall) * 1000) / 1000 : 0.5;
  return { answer, nomatch, clarifyRatio };
}

/** Figures of a model with given thresholds on labelled samples: what the benchmark reports. */
export interface DecisionFigures {
  /** In-scope samples whose top article is right. */
  top1: number;
  /** In-scope samples with the right article in the top 3. */
  top3: number;
  /** In-scope accuracy when a no-match counts as wrong. */
  accuracyWithRefusals: number;
  /** Share of out-of-scope samples refused (no match). */
  outOfScopeRefused: number;
  /** Shares of in-scope samples answered, clarified, refused. */
  answered: number;
  clarified: number;
  refused: number;
}

/** Applies thresholds to samples the way `answer` decides, and counts. */
export function decisionFigures(samples: readonly CalibrationSample[], thresholds: Thresholds): DecisionFigures {
  const inScope = samples.filter((sample) => !sample.outOfScope);
  const outOfScope = samples.filter((sample) => sample.outOfScope);
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  let top1 = 0;
  let top3 = 0;
  let kept = 0;
  let answered = 0;
  let clarified = 0;
  for (const sample of inScope) {
    const p1 = sample.scores[0] ?? 0;
    if (sample.rank === 0) top1++;
    if (sample.rank >= 0 && sample.rank < 3) top3++;
    if (sample.confidence < thresholds.nomatch) continue;
    if (sample.rank === 0) kept++;
    const close = sample.scores.slice(1, 3).filter((score) => score >= thresholds.clarifyRatio * p1).length;
    if (sample.confidence < thresholds.answer && close > 0) clarified++;
    else answered++;
  }
  const refusedOutOfScope = outOfScope.filter((sample) => sample.confidence < thresholds.nomatch).length;
  return {
    top1: share(top1, inScope.length),
    top3: share(top3, inScope.length),
    accuracyWithRefusals: share(kept, inScope.length),
    outOfScopeRefused: share(refusedOutOfScope, outOfScope.length),
    answered: share(answered, inScope.length),
    clarified: share(clarified, inScope.length),
    refused: share(inScope.length - answered - clarified, inScope.length),
  };
}
