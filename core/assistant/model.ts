/**
 * The shapes the assistant works with: what goes in (articles, rules), the
 * compiled model (a plain JSON object shipped per locale to the browser), and
 * what comes out (a reply with its explanation).
 */
import type { Locale } from '../locale.ts';
import type { FeatureOptions } from './features.ts';

/** An article as the assistant needs it: one help page in one locale. */
export interface AssistantArticle {
  /** The translation key: the same in every locale. */
  id: string;
  locale: Locale;
  title: string;
  /** The direct answer, shown in the chat. */
  summary?: string;
  /** Phrasings: ways customers ask for this article. The strongest signal. */
  questions: string[];
  /** Section headings of the body. */
  headings?: string[];
  /** Markdown body. */
  body: string;
  /** Phrases that always lead to this article, matched like rule patterns. */
  patterns?: string[];
  /** Where the full article lives, carried through for the widget. */
  url?: string;
}

/**
 * When to answer, ask or give up, on the reply's confidence (the top
 * article's probability above chance, see `confidenceOf`):
 * - confidence < `nomatch` → no match;
 * - confidence ≥ `answer` → answer;
 * - in between → clarify when another article's probability is at least
 *   `clarifyRatio` × the top one's, else answer.
 */
export interface Thresholds {
  answer: number;
  nomatch: number;
  clarifyRatio: number;
  /** The help-center policy's evidence rules; without them, the calibrated rule above alone decides. */
  evidence?: EvidencePolicy;
}

/**
 * A help center's decision policy, on top of the confidence thresholds: a
 * wrong answer costs the customer most, a refusal next, a "did you mean"
 * little. So answer only with evidence, offer the likely articles when
 * the message is about the content at all, and refuse only when it is not.
 * Evidence is counted in message words whose own term pulls towards the top
 * article (`termEvidence`); coverage is the share of the message's words that
 * the articles use at all (an unknown word with a digit, an order number or a
 * code, counts neither way).
 *
 * - answer: confidence ≥ `answer` and two words of evidence, or one and
 *   every word of the message known ("retour", "klarna"); or confidence ≥
 *   `answerOneWord` on any evidence;
 * - answer: confidence ≥ `marginAnswer`, the runner-up's probability at most
 *   `marginRatio` × the top's, and three words of evidence (a long message);
 * - clarify (offer up to three): confidence ≥ `nomatch` (or the three
 *   offered together ≥ `clarifyMass`: close articles share the probability),
 *   evidence, and coverage ≥ `clarifyCoverage`; or confidence ≥ `richClarify` on three
 *   words of evidence; or confidence ≥ `clarifyAnyCoverage` on any evidence
 *   ("ik wil mijn jas retourneren": the shop's articles never say "jas");
 *   or a message of one word the articles use whose three offered articles
 *   hold `oneWordMass` together ("kapot": damaged, repair, warranty); or
 *   one word the articles do not use beside the others, at confidence ≥
 *   `clarifyOneUnknown` ("ik wil mijn jurk terugsturen": a product the
 *   articles never name);
 * - otherwise no match.
 */
export interface EvidencePolicy {
  answerOneWord: number;
  marginAnswer: number;
  marginRatio: number;
  clarifyCoverage: number;
  clarifyMass: number;
  richClarify: number;
  clarifyAnyCoverage: number;
  oneWordMass: number;
  clarifyOneUnknown: number;
}

/**
 * Calibrated on the BANKING77 calibration split with 10 phrasings per article
 * (the shape of a real help center), never on its test split; how, and the
 * figures, in docs/benchmarks.md. Override per locale in content/assistant/*.yaml.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.447, nomatch: 0.264, clarifyRatio: 0.26 };

/**
 * The policy of a help center's own assistant (content/assistant/*.yaml may
 * override any field): chosen on the development set of realistic customer
 * messages (devset/, figures in docs/benchmarks.md), with at most 2 % of
 * in-scope messages answered wrongly and most out-of-scope ones refused
 * (`nomatch` 0.35 → 0.4 when 444 more phrasings made the Dutch model bolder
 * on questions the shop does not cover: out of scope refused 82.5 → 84.0 %;
 * 0.4 → 0.42 when a twelfth writer's set joined it: 84.2 → 85.8 %, in-scope
 * figures unchanged; `oneWordMass` 0.4 for one-word messages such as "kapot", on
 * the dev set: answered or offered nl 97.2 → 97.3 %, en 98.3 → 98.4 %, out of
 * scope refused unchanged). Corpora without rules (the evaluation CLI's --corpus, BANKING77)
 * keep {@link DEFAULT_THRESHOLDS}.
 */
export const HELP_CENTER_THRESHOLDS: Thresholds = {
  answer: 0.5,
  nomatch: 0.42,
  clarifyRatio: 0,
  evidence: {
    answerOneWord: 0.8,
    marginAnswer: 0.25,
    marginRatio: 0.45,
    clarifyCoverage: 0.8,
    clarifyMass: 0.6,
    richClarify: 0.03,
    clarifyAnyCoverage: 0.9,
    oneWordMass: 0.4,
    // "ik wil mijn jurk terugsturen" (0.75) and "mijn kleedje" were refused; on the dev set answered or offered nl
    // 97.5 → 97.6 %, out of scope refused en 96.2 → 95.8 % ("weather tomorrow?" is offered delivery times), the
    // held-out set unchanged.
    clarifyOneUnknown: 0.7,
  },
};

/** A rule as the browser needs it (validated at build time). */
export interface ModelRule {
  id: string;
  patterns: string[];
  reply: string;
  action: 'reply' | 'handoff' | 'gap';
  mode: 'alone' | 'aside' | 'always';
}

/** An article as shipped in the model: enough to show an answer and explain it. */
export interface ModelArticle {
  id: string;
  title: string;
  summary?: string;
  url?: string;
  /**
   * Phrasings kept for explanations ("closest to: …"), at most
   * `maxShownPhrasings`. Absent in the model the widget downloads: they come
   * in a file of their own, fetched for the hand-off only (asset.ts,
   * docs/decisions/030-chat-first-open-loads-what-the-first-answer-needs.md).
   */
  phrasings?: string[];
  patterns?: string[];
}

/**
 * Softmax weights, pruned and quantised. Per feature (ascending hash bucket):
 * its idf, then its non-zero weights as (article index, quantised weight).
 */
export interface PackedWeights {
  /** Number of features. */
  count: number;
  /** Base64 varints: bucket deltas. */
  buckets: string;
  /** Base64 bytes: idf = byte × idfScale. */
  idf: string;
  idfScale: number;
  /** Base64: per feature a varint entry count, then per entry a varint article-index delta and one byte of weight. */
  entries: string;
  /** Weight of byte b (sign in the low bit): ±minWeight × ratio^(b >> 1). */
  minWeight: number;
  ratio: number;
}

/**
 * The same weights as arrays, as the model asset decodes them
 * (core/assistant/asset.ts): the browser reads these directly, without
 * packing them into base64 varints for {@link PackedWeights} only to unpack
 * them again. Not JSON: the compiled model's JSON keeps {@link PackedWeights}.
 */
export interface WeightArrays {
  /** Number of features. */
  count: number;
  /** Each feature's hash bucket, ascending. */
  featureBuckets: Uint32Array;
  /** Per feature its idf byte: idf = byte × idfScale. */
  idfBytes: Uint8Array;
  idfScale: number;
  /** The entries of feature f are entryStart[f] up to entryStart[f + 1] (length count + 1). */
  entryStart: Int32Array;
  /** Per entry its article's index, ascending within a feature. */
  entryArticle: Uint16Array;
  /** Per entry its weight byte, read as in {@link PackedWeights}. */
  entryByte: Uint8Array;
  minWeight: number;
  ratio: number;
}

/** The compiled assistant for one locale: JSON-serialisable (but for {@link WeightArrays}), deterministic. */
export interface AssistantModel {
  format: 'wegwijs-assistant/1';
  locale: Locale;
  features: FeatureOptions;
  thresholds: Thresholds;
  /** No-matches in a row after which a person is offered. */
  handoffAfterNoMatches: number;
  articles: ModelArticle[];
  /** Stems for splitting Dutch compounds (empty for English). */
  lexicon: string[];
  /** Article words typo correction may correct towards, most frequent first (spelling.ts). */
  vocabulary: string[];
  synonyms: string[][];
  rules: ModelRule[];
  /** Packed as compiled (JSON); as arrays when decoded from the model asset. */
  weights: PackedWeights | WeightArrays;
  /** One bias per article. */
  bias: number[];
}

/** What the assistant remembers between messages of one conversation. */
export interface ConversationState {
  /** No-match replies in a row; an answer or a clarification resets it. */
  noMatchStreak: number;
}

/** An article with its probability. */
export interface Candidate {
  articleId: string;
  score: number;
}

/** Why the assistant replied as it did: stored with the transcript, shown to agents. */
export type Why =
  | { kind: 'rule'; ruleId: string; pattern: string }
  | { kind: 'pattern'; articleId: string; pattern: string }
  | {
      kind: 'ranking';
      /** Message words that pulled towards the top article, strongest first. */
      terms: string[];
      /** The top article's phrasing closest to the message. */
      phrasing: string | null;
      /** The confidence (top probability above chance). */
      score: number;
      /** Top probability minus the second. */
      margin: number;
      thresholds: Thresholds;
    };

/** The assistant's reply to one message. */
export interface Reply {
  action: 'answer' | 'clarify' | 'nomatch' | 'rule';
  /** The top article for `answer` and `clarify`; null otherwise. */
  articleId: string | null;
  /** Ranked articles (up to 5), whatever the action; to offer on `clarify`, take those within clarifyRatio. */
  candidates: Candidate[];
  /** In [0, 1]: the top article's probability above chance (`confidenceOf`); 1 for a rule or pattern. */
  confidence: number;
  /** Set when a rule fired. */
  ruleId?: string;
  /** The rule's reply text. */
  text?: string;
  /**
   * A `gap` rule fired: its reply says the articles do not cover the question, so the widget sends the
   * question (redacted) for the content-gap report, as for a no-match.
   */
  gap?: true;
  /** Articles to offer as buttons on `clarify` (2 or 3). */
  offered?: string[];
  /** Offer a person: the customer asked, or this is the second no-match in a row. */
  offerHandoff: boolean;
  /** Set when the message is clearly written in this other of the site's languages: answer it from that language's model. */
  otherLocale?: Locale;
  /** The conversation state after this reply: pass it to the next call. */
  state: ConversationState;
  why: Why;
  /**
   * The message as ranked (words folded, synonyms replaced, typos corrected),
   * set when `why.phrasing` is left to later because the model came without
   * its phrasings: {@link import('./answer.ts').closestPhrasingOf} finds it
   * from this once they are loaded.
   */
  ranked?: string;
}

/** A model as `compileModel` (compile.ts) gives it: its weights packed, the whole of it JSON. */
export type CompiledModel = AssistantModel & { weights: PackedWeights };
