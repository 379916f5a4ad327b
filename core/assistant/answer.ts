/**
 * Run time: one customer message → one {@link Reply}. No DOM, no network,
 * deterministic: the same model, message and state always give the same reply.
 *
 * Order of play:
 * 1. a rule in `always` mode (asking for a person) wins outright;
 * 2. an article's own pattern answers that article;
 * 3. when an `alone` or `aside` rule matches ("hoi", "bedankt"), the rule
 *    replies unless the message has more words and it (or those words alone)
 *    matches an article; so "hoi ik heb mijn pakketje nog steeds niet" gets
 *    the article and "hoi!" a greeting; beside an `aside` rule (small talk)
 *    a question stays a question even when no article answers it;
 * 4. ranking: softmax over the articles; then answer, clarify or no match by
 *    the thresholds.
 */
import { analyze } from '../language/analysis.ts';
import { otherLanguage } from '../language/detect.ts';
import { chatWords, compileSynonyms, countFeatures, featuresOfWord, vectorize, wordsOf, type AnalysisContext, type SparseVector } from './features.ts';
import { compilePattern, findPattern, messageWords, type CompiledPattern } from './match.ts';
import type { AssistantModel, Candidate, ConversationState, ModelRule, Reply, Thresholds } from './model.ts';
import { weightArrays } from './packing.ts';
import { correct, createSpeller, type Speller } from './spelling.ts';

/** How many ranked articles a reply lists. */
const MAX_CANDIDATES = 5;

/**
 * An article pattern is the support team's certainty, but its words can mean
 * something else in another sentence: "naar mijn werk gestuurd in plaats van
 * naar huis" holds a wrong item's "gestuurd in plaats van", "ik heb 2
 * betalingen geprobeerd maar beide mislukt" a double payment's "2
 * betalingen". When the model ranks another article first with at least
 * `PATTERN_DOUBT`, both are offered; from `PATTERN_OVERRULED` the model's own
 * decision stands. On messages written to contain a pattern in another
 * meaning (nl 120, en 60, core/assistant/other-meaning/), confidently wrong
 * went from 99 % to 20 % (nl) and 9 % (en), and to 16 % and 5 % once the
 * patterns it showed up were narrowed; on the development set, 0.3 points of answers became offers of
 * the same article first, and no answer became wrong; on two fresh writers'
 * sets, 1 of 540 answers became an offer (docs/decisions/044-patterns-yield-to-a-confident-model.md).
 * 0.95 rather than 0.9: "met mijn cadeaukaart een jas kopen" is redeeming
 * it, and the model gives buying one 0.93.
 */
export const PATTERN_DOUBT = 0.5;
export const PATTERN_OVERRULED = 0.95;
/** How many articles a clarification offers at most. */
const MAX_OFFERED = 3;
/** How many matched words an explanation lists. */
const MAX_TERMS = 5;
/**
 * An `alone` rule still replies when the rest of the message has at most this
 * many words the articles use and nothing is offered for it ("bedankt voor de
 * hulp"); with one such word it replies even when articles could be offered
 * ("jullie zijn waardeloos").
 */
const ALONE_RULE_MAX_OTHER_TERMS = 2;
/**
 * Words besides an `aside` rule's that make a question of their own: "hoi,
 * alles goed?" keeps one and stays a greeting; "kin ich dat later betaole?"
 * keeps more and is a question, answered or not.
 */
const MIN_QUESTION_WORDS = 2;

/** A fresh conversation. */
export const INITIAL_STATE: ConversationState = { noMatchStreak: 0 };

interface LoadedRule {
  rule: ModelRule;
  patterns: { text: string; compiled: CompiledPattern }[];
}

/** The model unpacked into lookup structures, once per model object. */
interface LoadedModel {
  context: AnalysisContext;
  featureOf: Map<number, number>;
  idf: Float32Array;
  /** Entries of feature f are entryStart[f] up to entryStart[f + 1]. */
  entryStart: Int32Array;
  entryArticle: Uint16Array;
  entryWeight: Float32Array;
  rules: LoadedRule[];
  articlePatterns: { article: number; text: string; compiled: CompiledPattern }[];
  /** Vectors of each article's shown phrasings and title, made on first need. */
  phrasingVectors: Map<number, { text: string; vector: SparseVector }[]>;
  speller: Speller;
}

const loadedModels = new WeakMap<AssistantModel, LoadedModel>();

function unpack(model: AssistantModel): LoadedModel {
  // A decoded asset's arrays as they are; a compiled model's base64 unpacked first.
  const weights = weightArrays(model.weights);
  const featureOf = new Map<number, number>();
  const idf = new Float32Array(weights.count);
  for (let feature = 0; feature < weights.count; feature++) {
    featureOf.set(weights.featureBuckets[feature]!, feature);
    idf[feature] = weights.idfBytes[feature]! * weights.idfScale;
  }
  // 256 possible bytes: each weight's value looked up, not computed per entry.
  const weightOfByte = new Float64Array(256);
  for (let byte = 0; byte < 256; byte++) {
    const magnitude = weights.minWeight * Math.pow(weights.ratio, byte >> 1);
    weightOfByte[byte] = byte & 1 ? -magnitude : magnitude;
  }
  const entryWeight = new Float32Array(weights.entryByte.length);
  for (let e = 0; e < entryWeight.length; e++) entryWeight[e] = weightOfByte[weights.entryByte[e]!]!;
  const locale = model.locale;
  return {
    context: { locale, lexicon: new Set(model.lexicon), synonyms: compileSynonyms(model.synonyms), cache: new Map() },
    featureOf,
    idf,
    entryStart: weights.entryStart,
    entryArticle: weights.entryArticle,
    entryWeight,
    rules: model.rules.map((rule) => ({
      rule,
      patterns: rule.patterns.map((text) => ({ text, compiled: compilePattern(text, locale) })),
    })),
    articlePatterns: model.articles.flatMap((article, index) =>
      (article.patterns ?? []).map((text) => ({ article: index, text, compiled: compilePattern(text, locale) })),
    ),
    phrasingVectors: new Map(),
    // Models compiled before typo correction carry no vocabulary: they simply correct nothing.
    speller: createSpeller([...(model.vocabulary ?? []), ...synonymWords(model.synonyms)]),
  };
}

/** Shorter synonyms are no typo targets: real words lie one edit from them ("wassen" → "wissen"). */
const MIN_SYNONYM_TARGET_LENGTH = 7;

/**
 * The one-word members of the synonym groups, as typo targets after the
 * articles' own words: "proifel" is one swap from "profiel", which the articles
 * never write but the lexicon turns into their "account".
 */
function synonymWords(groups: readonly (readonly string[])[]): string[] {
  return groups.flat().flatMap((member) => {
    const words = chatWords(member);
    return words.length === 1 && words[0]!.length >= MIN_SYNONYM_TARGET_LENGTH ? words : [];
  });
}

/**
 * Unpacks a model for answering. {@link answer} does this on first use and
 * caches it per model object; call it early to take the cost off the first message.
 */
export function loadModel(model: AssistantModel): void {
  if (!loadedModels.has(model)) loadedModels.set(model, unpack(model));
}

function loaded(model: AssistantModel): LoadedModel {
  loadModel(model);
  return loadedModels.get(model)!;
}

function messageVector(text: string, model: AssistantModel, load: LoadedModel): SparseVector {
  const counts = countFeatures(text, load.context, model.features);
  return vectorize(
    counts,
    (bucket) => {
      const feature = load.featureOf.get(bucket);
      return feature === undefined ? undefined : load.idf[feature];
    },
    model.features,
  );
}

/** How many words of `text` the articles use (a term of theirs). Words no article uses cannot make a question the assistant could answer. */
function knownWords(text: string, model: AssistantModel, load: LoadedModel): number {
  let known = 0;
  for (const word of wordsOf(text, load.context.synonyms)) {
    const { termBuckets } = featuresOfWord(word, load.context, model.features);
    if (termBuckets.some((bucket) => load.featureOf.has(bucket))) known++;
  }
  return known;
}

/**
 * The message's words with typos corrected: a word that no article uses, not
 * even as a compound part, becomes the closest article word (spelling.ts).
 */
function correctedText(text: string, model: AssistantModel, load: LoadedModel): string {
  const words = wordsOf(text, load.context.synonyms);
  return words
    .map((word) => {
      if (load.speller.known.has(word)) return word;
      const { terms, termBuckets } = featuresOfWord(word, load.context, model.features);
      // Its own stem decides, not its compound parts: "handleidng" would
      // otherwise count as known through the "hand" it starts with.
      if (terms.length === 0 || load.featureOf.has(termBuckets[0]!)) return word;
      return correct(load.speller, word) ?? word;
    })
    .join(' ');
}

/** Softmax probabilities of every article for a vector. */
function probabilities(vector: SparseVector, model: AssistantModel, load: LoadedModel): Float64Array {
  const scores = Float64Array.from(model.bias);
  for (let i = 0; i < vector.buckets.length; i++) {
    const feature = load.featureOf.get(vector.buckets[i]!)!;
    const value = vector.values[i]!;
    for (let e = load.entryStart[feature]!; e < load.entryStart[feature + 1]!; e++) {
      scores[load.entryArticle[e]!]! += load.entryWeight[e]! * value;
    }
  }
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  let sum = 0;
  for (let a = 0; a < scores.length; a++) {
    scores[a] = Math.exp(scores[a]! - max);
    sum += scores[a]!;
  }
  for (let a = 0; a < scores.length; a++) scores[a]! /= sum;
  return scores;
}

function weightOf(load: LoadedModel, feature: number, article: number): number {
  for (let e = load.entryStart[feature]!; e < load.entryStart[feature + 1]!; e++) {
    if (load.entryArticle[e] === article) return load.entryWeight[e]!;
  }
  return 0;
}

/** The message words that pull towards `article` (their terms' and n-grams' share of its score), strongest first. */
function pullingWords(text: string, vector: SparseVector, article: number, model: AssistantModel, load: LoadedModel): string[] {
  const valueAt = new Map(Array.from(vector.buckets, (bucket, i) => [bucket, vector.values[i]!]));
  const contributions = new Map<string, number>();
  for (const word of wordsOf(text, load.context.synonyms)) {
    if (contributions.has(word)) continue;
    const { termBuckets, charBuckets } = featuresOfWord(word, load.context, model.features);
    const buckets = new Set([...termBuckets, ...charBuckets]);
    let sum = 0;
    for (const bucket of buckets) {
      const feature = load.featureOf.get(bucket);
      if (feature !== undefined) sum += (valueAt.get(bucket) ?? 0) * weightOf(load, feature, article);
    }
    contributions.set(word, sum);
  }
  return [...contributions]
    .filter(([, sum]) => sum > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([word]) => word);
}

function cosine(a: SparseVector, b: SparseVector): number {
  let sum = 0;
  for (let i = 0, j = 0; i < a.buckets.length && j < b.buckets.length; ) {
    if (a.buckets[i] === b.buckets[j]) sum += a.values[i++]! * b.values[j++]!;
    else if (a.buckets[i]! < b.buckets[j]!) i++;
    else j++;
  }
  return sum;
}

/** The text among `texts` whose vector is closest to `vector`, or null when none shares a feature with it. */
function closest(vector: SparseVector, texts: readonly { text: string; vector: SparseVector }[]): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const { text, vector: phrasing } of texts) {
    const score = cosine(vector, phrasing);
    if (score > bestScore) {
      best = text;
      bestScore = score;
    }
  }
  return best;
}

/** The phrasing (or title) of `article` closest to the message; undefined when the model came without its phrasings. */
function closestPhrasing(vector: SparseVector, article: number, model: AssistantModel, load: LoadedModel): string | null | undefined {
  let vectors = load.phrasingVectors.get(article);
  if (!vectors) {
    const { phrasings, title } = model.articles[article]!;
    if (!phrasings) return undefined;
    vectors = [...phrasings, title].map((text) => ({ text, vector: messageVector(text, model, load) }));
    load.phrasingVectors.set(article, vectors);
  }
  return closest(vector, vectors);
}

/**
 * The explanation's "closest phrasing" for a reply whose model came without
 * its phrasings (the widget's): the phrasing among `phrasings`, or the
 * article's title, closest to the message as it was ranked (`Reply.ranked`).
 * The same as `why.phrasing` of a model that has them.
 */
export function closestPhrasingOf(model: AssistantModel, articleId: string, phrasings: readonly string[], ranked: string): string | null {
  const article = model.articles.find((candidate) => candidate.id === articleId);
  if (!article) return null;
  const load = loaded(model);
  const texts = [...phrasings, article.title].map((text) => ({ text, vector: messageVector(text, model, load) }));
  return closest(messageVector(ranked, model, load), texts);
}

/**
 * The reply's confidence from the top probability: how far above chance
 * (1 / number of articles) it is, on a scale of 0 to 1. With six articles an
 * empty guess already gets 0.17; corrected, thresholds calibrated on one
 * corpus size hold for others.
 */
export function confidenceOf(topProbability: number, articles: number): number {
  if (articles <= 1) return topProbability;
  const chance = 1 / articles;
  return Math.max(0, (topProbability - chance) / (1 - chance));
}

/** The ranked articles for a text, without deciding anything. */
export function rank(model: AssistantModel, text: string): Candidate[] {
  const load = loaded(model);
  const vector = messageVector(correctedText(text, model, load), model, load);
  if (vector.buckets.length === 0 || model.articles.length === 0) return [];
  return topCandidates(probabilities(vector, model, load), model, model.articles.length);
}

function topCandidates(probability: Float64Array, model: AssistantModel, limit: number): Candidate[] {
  const order = Array.from(probability.keys()).sort((a, b) => probability[b]! - probability[a]! || a - b);
  return order.slice(0, limit).map((index) => ({ articleId: model.articles[index]!.id, score: probability[index]! }));
}

function ruleReply(rule: ModelRule, pattern: string, state: ConversationState, candidates: Candidate[]): Reply {
  return {
    action: 'rule',
    articleId: null,
    candidates,
    confidence: 1,
    ruleId: rule.id,
    text: rule.reply,
    offerHandoff: rule.action === 'handoff',
    ...(rule.action === 'gap' && { gap: true as const }),
    // A rule is no answer, and no failure either: the streak stands.
    state: { ...state },
    why: { kind: 'rule', ruleId: rule.id, pattern },
  };
}

/** What the ranking found for one message, before any decision. */
export interface Assessment {
  /** The message as ranked: words folded, synonyms replaced, typos corrected. */
  text: string;
  vector: SparseVector;
  /** Up to {@link MAX_CANDIDATES} articles, best first. */
  candidates: Candidate[];
  /** {@link confidenceOf} the top probability. */
  confidence: number;
  /** Top probability minus the second. */
  margin: number;
  /**
   * Message words whose own term (not only its letters) pulls towards the
   * top article: the evidence that the message is about that article, and
   * not merely shares a word or a few letters with it.
   */
  termEvidence: number;
  /** Message words that are not stop words. */
  contentWords: number;
  /** Of those, words the articles use. */
  knownWords: number;
}

/** Ranks one message without deciding anything. */
export function assess(model: AssistantModel, message: string): Assessment {
  const load = loaded(model);
  const text = correctedText(message, model, load);
  const vector = messageVector(text, model, load);
  const probability = vector.buckets.length > 0 && model.articles.length > 0 ? probabilities(vector, model, load) : null;
  const candidates = probability ? topCandidates(probability, model, MAX_CANDIDATES) : [];
  const p1 = candidates[0]?.score ?? 0;
  const topIndex = candidates[0] ? model.articles.findIndex((article) => article.id === candidates[0]!.articleId) : -1;
  let contentWords = 0;
  let knownWordCount = 0;
  let termEvidence = 0;
  const valueAt = new Map(Array.from(vector.buckets, (bucket, i) => [bucket, vector.values[i]!]));
  for (const word of new Set(wordsOf(text, load.context.synonyms))) {
    const { terms, termBuckets } = featuresOfWord(word, load.context, model.features);
    if (terms.length === 0) continue;
    const known = termBuckets.some((bucket) => load.featureOf.has(bucket));
    // An order number, a postcode or a code ("40099812", "welkom10") is not a
    // topic the articles fail to cover: unknown, it says nothing either way.
    if (!known && /\d/.test(word)) continue;
    contentWords++;
    if (known) knownWordCount++;
    if (topIndex < 0) continue;
    let pull = 0;
    for (const bucket of termBuckets) {
      const feature = load.featureOf.get(bucket);
      if (feature !== undefined) pull += (valueAt.get(bucket) ?? 0) * weightOf(load, feature, topIndex);
    }
    if (pull > 0) termEvidence++;
  }
  return {
    text,
    vector,
    candidates,
    confidence: confidenceOf(p1, model.articles.length),
    margin: p1 - (candidates[1]?.score ?? 0),
    termEvidence,
    contentWords,
    knownWords: knownWordCount,
  };
}

/** What to do with a message. */
export type Verdict = 'answer' | 'clarify' | 'nomatch';

/**
 * Answer, clarify or no match for an assessed message. Without an evidence
 * policy: the calibrated rule (no match below `nomatch`, answer from
 * `answer`, clarify in between when another article comes close). With one:
 * the help-center policy (see `EvidencePolicy`).
 */
export function judge(assessment: Assessment, thresholds: Thresholds): Verdict {
  const { confidence, termEvidence, contentWords, knownWords, candidates } = assessment;
  const policy = thresholds.evidence;
  if (!policy) {
    if (confidence < thresholds.nomatch) return 'nomatch';
    return confidence >= thresholds.answer ? 'answer' : 'clarify';
  }
  if (termEvidence === 0) return 'nomatch';
  const unknownWords = contentWords - knownWords;
  const runnerUpRatio = (candidates[1]?.score ?? 0) / (candidates[0]?.score || 1);
  if (confidence >= thresholds.answer && (termEvidence >= 2 || unknownWords === 0)) return 'answer';
  if (confidence >= policy.answerOneWord) return 'answer';
  if (confidence >= policy.marginAnswer && runnerUpRatio <= policy.marginRatio && termEvidence >= 3) return 'answer';
  const coverage = contentWords === 0 ? 0 : knownWords / contentWords;
  // Two or three close articles share the probability ("pakje niet toegekomen": where is it, or lost?).
  const offeredMass = candidates.slice(0, MAX_OFFERED).reduce((sum, candidate) => sum + candidate.score, 0);
  if ((confidence >= thresholds.nomatch || offeredMass >= policy.clarifyMass) && coverage >= policy.clarifyCoverage) return 'clarify';
  // One known word that two or three articles share ("kapot": damaged, repair or warranty?): offer them.
  if (contentWords === 1 && knownWords === 1 && offeredMass >= policy.oneWordMass) return 'clarify';
  if (confidence >= policy.richClarify && termEvidence >= 3) return 'clarify';
  if (confidence >= policy.clarifyAnyCoverage) return 'clarify';
  // One word no article uses beside words they do ("ik wil mijn jurk terugsturen"): a product, most often.
  if (unknownWords === 1 && contentWords >= 2 && confidence >= policy.clarifyOneUnknown) return 'clarify';
  return 'nomatch';
}

/** Messages shorter than this (in words) are never split: their context is the question. */
const MIN_SPLIT_WORDS = 12;

/**
 * The parts of a long message: its sentences, and its clauses at a comma
 * before "maar/want/dus/en/but/so/and". Customers tell a story before or after
 * the question ("ik heb vorige week een zetel besteld. komen ze die ook naar
 * boven dragen?"); each part is ranked on its own as well.
 */
export function messageParts(message: string): string[] {
  if (message.trim().split(/\s+/).length < MIN_SPLIT_WORDS) return [];
  const parts = message
    .split(/[.!?;\n]+|,\s*(?=(?:maar|want|dus|en|of|but|so|and|because)\b)/i)
    .map((part) => part.trim())
    .filter((part) => part.split(/\s+/).length >= 3);
  return parts.length >= 2 ? parts : [];
}

const VERDICT_RANK = { nomatch: 0, clarify: 1, answer: 2 } as const;

/**
 * The whole message or the part of it that carries the question: a part
 * wins only with a better verdict than the whole, and then only offers
 * articles, so context cannot dilute a question into a refusal, nor can one
 * sentence of a story decide the answer alone.
 */
function bestPart(model: AssistantModel, message: string, thresholds: Thresholds): { assessment: Assessment; verdict: Verdict } {
  const whole = assess(model, message);
  let best = { assessment: whole, verdict: whole.candidates.length > 0 ? judge(whole, thresholds) : ('nomatch' as Verdict) };
  // Parts belong to the help-center policy; a calibrated corpus ranks whole messages only.
  if (best.verdict === 'answer' || !thresholds.evidence) return best;
  for (const part of messageParts(message)) {
    const assessment = assess(model, part);
    if (assessment.candidates.length === 0) continue;
    // A part never answers outright: the story around it may say otherwise. It can earn offers.
    const verdict = judge(assessment, thresholds) === 'nomatch' ? 'nomatch' : 'clarify';
    if (VERDICT_RANK[verdict] > VERDICT_RANK[best.verdict]) best = { assessment, verdict };
  }
  return best;
}

/** Words that open a question, per locale: the verb first ("is er", "kan ik") or a question word. */
const QUESTION_OPENERS: Record<string, ReadonlySet<string>> = {
  nl: new Set([
    'hoe',
    'wat',
    'waar',
    'wanneer',
    'waarom',
    'welke',
    'wie',
    'hoeveel',
    'hoelang',
    'kan',
    'kun',
    'kunt',
    'kunnen',
    'mag',
    'moet',
    'is',
    'zijn',
    'heb',
    'hebben',
    'wil',
    'willen',
    'krijg',
    'zit',
    'komt',
    'doen',
    'werkt',
    // Flemish: "wa kunde gij…", "waarmee kunde…", "hebde…".
    'wa',
    'waarmee',
    'kunde',
    'hebde',
  ]),
  en: new Set([
    'how',
    'what',
    'where',
    'when',
    'why',
    'which',
    'who',
    'can',
    'could',
    'may',
    'must',
    'should',
    'is',
    'are',
    'do',
    'does',
    'did',
    'will',
    'would',
    'have',
    'has',
  ]),
};

/** Words that open a letter's salutation, per locale ("Beste medewerker,", "Dear support team,"). */
const SALUTATION_OPENERS: Record<string, ReadonlySet<string>> = {
  nl: new Set([
    'beste',
    'geachte',
    'lieve',
    'hallo',
    'hoi',
    'hey',
    'dag',
    'goedemorgen',
    'goedemiddag',
    'goedenavond',
    'goeiemorgen',
    'goeiemiddag',
    'goeienavond',
  ]),
  en: new Set(['dear', 'hello', 'hi', 'hey']),
};

/**
 * The message without its salutation: a salutation word and at most three
 * more words before a comma, colon or line break at its start. Customers who
 * write formally open with "Beste medewerker," and then ask about their
 * e-mail address; that opening must not count as asking for a person.
 */
export function withoutSalutation(message: string, locale: string): string {
  const opening = /^\s*([\p{L}]+)((?:\s+[\p{L}/.-]+){0,3})\s*[,:\n]/u.exec(message);
  if (!opening || !SALUTATION_OPENERS[locale]?.has(opening[1]!.toLowerCase())) return message;
  return message.slice(opening[0].length);
}

/**
 * A comparison's opening and the one or two words after it ("gelijk bij
 * zalando", "net als bij bol com", "like at amazon"): another shop named as
 * the example to follow, not as the shop the question is about.
 */
const COMPARISONS: Record<string, RegExp> = {
  nl: /(?:^|[\s,;(])(?:net\s+zoals|net\s+als|zoals|gelijk|lijk|evenals|goedkoper|voordeliger|duurder)\s+(?:bij|op|in)\s+[\p{L}\p{N}.&-]+(?:\s+[\p{L}\p{N}.&-]+)?/giu,
  en: /(?:^|[\s,;(])(?:just\s+like|same\s+as|like|as|cheaper|more\s+expensive)\s+(?:at|on|with|in)\s+[\p{L}\p{N}.&-]+(?:\s+[\p{L}\p{N}.&-]+)?/giu,
};

/**
 * The message without comparisons with other shops. "Kunde bij ulle achteraf
 * betalen, gelijk bij zalando?" asks about paying later here, "zie hem nu
 * goedkoper bij de MediaMarkt, kan ik nog annuleren?" about cancelling; the
 * other-shop rule (`always`) must not take either for a question about an
 * order from that shop.
 */
export function withoutComparisons(message: string, locale: string): string {
  const comparison = COMPARISONS[locale];
  return comparison ? message.replace(comparison, ' ') : message;
}

/**
 * An order or reference number, with the word that names it ("ordernummer
 * 40099812", "order #1234567", "DW-3381902"): it says which order, not what
 * about it, and its letters and digits only dilute the question ("mijn
 * bestelling is er nog niet, ordernummer 40099812" was refused). Five digits
 * or more: a postcode, a year or a price stays.
 */
const REFERENCES: Record<string, RegExp> = {
  nl: /(?:\b(?:ordernummer|bestelnummer|ordernr|bestelnr|referentie|kenmerk)\s*[:#]?\s*)?(?:\b\p{L}{1,3}-)?#?\b\d{5,}\b/giu,
  en: /(?:\b(?:order\s+number|order\s+no\.?|order\s+nr|reference|ref)\s*[:#]?\s*)?(?:\b\p{L}{1,3}-)?#?\b\d{5,}\b/giu,
};

/** The message without order and reference numbers ({@link REFERENCES}). */
export function withoutReferences(message: string, locale: string): string {
  const reference = REFERENCES[locale];
  return reference ? message.replace(reference, ' ') : message;
}

/**
 * A code typed in capitals with a number after it ("WELKOM15", "SUMMER10") is
 * a discount code: the articles cannot know every campaign's name, so the
 * customer's code counted as an unknown word and "WELKOM15 doet niks" was
 * refused. It is read as the word for a discount code. Capitals and four
 * letters or more: "iphone 15", "ABC123" (a payment reference) and order
 * numbers stay what they are.
 */
const DISCOUNT_CODE_WORD: Record<string, string> = { nl: 'kortingscode', en: 'discount code' };
const DISCOUNT_CODE = /(?<![\p{L}\p{N}])\p{Lu}{4,}\d{1,3}(?![\p{L}\p{N}])/gu;

/** The message with discount codes named ({@link DISCOUNT_CODE}). */
export function withDiscountCodesNamed(message: string, locale: string): string {
  const word = DISCOUNT_CODE_WORD[locale];
  return word ? message.replace(DISCOUNT_CODE, word) : message;
}

/**
 * How often the customer already tried ("al 2x geprobeerd", "nu al drie keer
 * afgemeld"): it says they are stuck, not what about. Its "2x" is the word
 * the double-payment article owns, so "registreren lukt niet, al 2x
 * geprobeerd" and "al 2x afgemeld en nog steeds die mails" were answered
 * with a payment made twice. Only after "al", or before a word that says it
 * was tried or refused ("2x geweigerd", "declined twice"): "ik heb 2x
 * betaald", "2x op betalen gedrukt" and "charged twice" keep it.
 */
const ATTEMPTS: Record<string, RegExp> = {
  nl: /\b(?:nu\s+)?al\s+(?:\d+\s*(?:x|keer|maal)|(?:twee|drie|vier|vijf|zes|tien|zoveel|meerdere|verschillende|zo\s+vaak)\s+(?:keer|maal|x))(?![\p{L}\p{N}])|\b(?:\d+\s*x|\d+\s+keer|(?:twee|drie|vier|vijf|meerdere)\s+(?:keer|maal))\s+(?=(?:geprobeerd|geweigerd|afgewezen|mislukt|ingevoerd|ingetypt|ingevuld)\b)/giu,
  en: /(?<=\b(?:tried|declined|rejected|failed|refused)\s+)(?:twice|\d+\s*(?:x|times)|(?:two|three|four|five|several|multiple|many)\s+times)\b/giu,
};

/** The message without how often it was already tried ({@link ATTEMPTS}). */
export function withoutAttempts(message: string, locale: string): string {
  const attempts = ATTEMPTS[locale];
  return attempts ? message.replace(attempts, ' ') : message;
}

/**
 * The framing of a question asked before it happens ("stel dat het niet past,
 * …", "wat als het al onderweg is", "what if it doesn't fit"): words no article
 * uses, which only dilute the question they frame.
 */
const HYPOTHESES: Record<string, RegExp> = {
  nl: /(?<=^|[.!?,;]\s*)(?:stel\s+(?:je\s+(?:eens\s+)?voor\s+|nu\s+|eens\s+)?dat|gesteld\s+dat|wat\s+(?:nu\s+)?als|wat\s+gebeurt\s+er\s+(?:dan\s+)?als)\s+/giu,
  en: /(?<=^|[.!?,;]\s*)(?:what\s+if|what\s+happens\s+if|what\s+would\s+happen\s+if|suppose(?:\s+that)?|supposing(?:\s+that)?|let'?s\s+say(?:\s+that)?|imagine(?:\s+that)?)\s+/giu,
};

/** The message without the framing of a hypothetical question ({@link HYPOTHESES}). */
export function withoutHypothesis(message: string, locale: string): string {
  const hypothesis = HYPOTHESES[locale];
  return hypothesis ? message.replace(hypothesis, '') : message;
}

/**
 * How a customer sets aside the topic they do not mean before saying the one
 * they do: "ik wil niet annuleren, alleen iets toevoegen", "niet de
 * retourkosten, ik bedoel de verzendkosten", "I don't want to delete my
 * account, I just want to see my data". `wishes` declines a wish (ik wil niet
 * …, I don't want …; not "ik wil niet dat …" nor "ik wil het niet meer", which
 * are the wish itself) and any turn after it counts; `names` opens on a bare
 * "niet"/"not", which also states facts ("niet ontvangen maar wel betaald" says two things), so only an
 * explicit correction ("ik bedoel", "I mean", "the opposite") turns it;
 * `notOnly` ("niet alleen de nieuwsbrief", "not just the newsletter") sets
 * aside the smaller thing before the "maar"/"but" that names the larger one.
 */
const DECLINES: Record<string, { wishes: RegExp; names: RegExp; turns: RegExp; corrects: RegExp; notOnly: RegExp; but: RegExp }> = {
  nl: {
    wishes:
      /^(?:ik\s+(?:wil|hoef)\s+(?:(?!(?:dat|die|wat|waar)\b)\S+\s+){0,4}(?:niet|nie|niks|geen)\b(?!\s+dat\b)(?!.*\bmeer\b)|ik\s+weet\s+(?:al\s+)?hoe\b)/iu,
    names: /^(?:niet|geen)\b/iu,
    turns: /^(?:maar|ik\s+wil|ik\s+bedoel|liever)\b|\b(?:alleen|enkel|gewoon|gwn|juist)\b/iu,
    corrects: /^(?:ik\s+bedoel|integendeel|het\s+omgekeerde|juist\s+andersom|andersom)\b/iu,
    notOnly: /^(?:niet|nie)\s+(?:alleen|enkel)\b/iu,
    but: /^maar\b/iu,
  },
  en: {
    wishes: /^(?:i\s+(?:dont|don't|do\s+not|didnt|didn't|did\s+not)\s+(?:want|wanna|need|mean)\b(?!.*\b(?:anymore|any\s+more|no\s+more)\b)|i\s+know\s+how\b)/iu,
    names: /^not\b/iu,
    turns: /^(?:but|i\s+want|i\s+mean|i'd\s+like|i\s+would\s+like|rather|instead)\b|\b(?:just|only|simply)\b/iu,
    corrects: /^(?:i\s+mean|the\s+opposite|quite\s+the\s+opposite|the\s+other\s+way\s+round)\b/iu,
    notOnly: /^not\s+(?:only|just)\b/iu,
    but: /^but\b/iu,
  },
};

/**
 * An action the customer wants to avoid, said after what they want, as a
 * clause of its own: "hoe stop ik die mails zonder dat ik mijn account moet
 * verwijderen". Not a condition of the question ("zonder in te loggen",
 * "zonder account", "without verifying my identity" ask whether that can
 * be done): on BANKING77 an English "without …ing" left out turned
 * "Can I still use my account without verifying my identity?" into a
 * refusal.
 */
const WITHOUT: Record<string, RegExp> = {
  nl: /\s*\bzonder\s+dat\s+(?<action>[^,;:.!?]+)/iu,
};

/**
 * The part of a message that declines a topic before the one the customer
 * means ({@link DECLINES}), cut at a comma, full stop, colon or the
 * "maar"/"but" that turns from it, and only when a turn follows; or the
 * action it wants to avoid ({@link WITHOUT}); null when nothing is declined.
 */
export function declinedPart(message: string, locale: string): { declined: string; kept: string } | null {
  const declines = DECLINES[locale];
  if (!declines) return null;
  const without = WITHOUT[locale]?.exec(message);
  if (without?.groups?.action) {
    const kept = `${message.slice(0, without.index)}${message.slice(without.index + without[0].length)}`.replace(/\s+([,;:.!?])/gu, '$1');
    return { declined: without.groups.action.trim(), kept: kept.trim() };
  }
  // Pieces at even indexes, what separates them at odd ones: the kept text keeps its own punctuation ("…?").
  const parts = message.split(/(\s*[,;:.!?]+\s*|\s+(?=(?:maar|but)\s))/iu);
  const isDeclined = (index: number) => {
    const text = parts[index]?.trim() ?? '';
    const next = parts
      .slice(index + 2)
      .find((part, i) => i % 2 === 0 && part.trim() !== '')
      ?.trim();
    if (text === '' || next === undefined) return false;
    return (
      (declines.wishes.test(text) && declines.turns.test(next)) ||
      (declines.names.test(text) && declines.corrects.test(next)) ||
      // "niet alleen de nieuwsbrief maar heel mijn account": the larger thing is meant.
      (declines.notOnly.test(text) && declines.but.test(next))
    );
  };
  // Read once per piece; a declined piece leaves with the separator after it.
  const leaves = parts.map((_, index) => index % 2 === 0 && isDeclined(index));
  const declined = parts.filter((_, index) => leaves[index]);
  if (declined.length === 0) return null;
  const kept = parts.filter((_, index) => !(leaves[index] || (index % 2 === 1 && leaves[index - 1]))).join('');
  return { declined: declined.map((piece) => piece.trim()).join(', '), kept: kept.trim() };
}

/**
 * The message to rank: without a declined topic when that topic is clear on
 * its own (the assistant would answer it) and is what the whole message would
 * be taken for: "ik wil niet annuleren, alleen iets toevoegen" is not about
 * cancelling. When the declined words are unclear or the whole ranks to
 * something else, the declining is part of the question ("I don't want to
 * make an account, can I order like that?" asks to order as a guest) and stays.
 */
function withoutDeclined(model: AssistantModel, message: string, thresholds: Thresholds): string {
  const part = declinedPart(message, model.locale);
  if (!part || chatWords(part.kept).length === 0) return message;
  const declined = assess(model, part.declined);
  const topic = declined.candidates[0];
  if (!topic || judge(declined, thresholds) !== 'answer') return message;
  return topic.articleId === rank(model, message)[0]?.articleId ? part.kept : message;
}

/**
 * Whether the words besides the rule's ask a question: they open with a
 * question word, or the message has a question mark that is not the rule's
 * own. A rule's pattern can be a question itself ("wat kun jij allemaal voor
 * me doen?" is the help rule's "wat kun jij"): its question mark asks nothing
 * more.
 */
function isQuestion(message: string, rest: string, locale: string, ruleAsks: boolean): boolean {
  const first = chatWords(rest)[0];
  if (first !== undefined && (QUESTION_OPENERS[locale]?.has(first) ?? false)) return true;
  // A question mark may come as an emoji ("📦❓ al 2 dagen verzonden").
  return !ruleAsks && /[?❓❔]/u.test(message);
}

/** Ranks `text` and decides between answer, clarify and no match. */
function decide(model: AssistantModel, message: string, state: ConversationState, thresholds: Thresholds): Reply {
  const load = loaded(model);
  const { assessment, verdict } = bestPart(model, message, thresholds);
  const { text, vector, candidates, confidence, margin } = assessment;
  const top = candidates[0];
  const p1 = top?.score ?? 0;
  if (!top || verdict === 'nomatch') {
    const streak = state.noMatchStreak + 1;
    return {
      action: 'nomatch',
      articleId: null,
      candidates,
      confidence,
      offerHandoff: streak >= model.handoffAfterNoMatches,
      state: { noMatchStreak: streak },
      why: { kind: 'ranking', terms: [], phrasing: null, score: confidence, margin, thresholds },
    };
  }
  const topIndex = model.articles.findIndex((article) => article.id === top.articleId);
  const offered = candidates.filter((candidate) => candidate.score >= thresholds.clarifyRatio * p1).slice(0, MAX_OFFERED);
  const clarify = verdict === 'clarify' && offered.length >= 2;
  const phrasing = closestPhrasing(vector, topIndex, model, load);
  return {
    action: clarify ? 'clarify' : 'answer',
    articleId: top.articleId,
    candidates,
    confidence,
    ...(clarify && { offered: offered.map((candidate) => candidate.articleId) }),
    offerHandoff: false,
    state: { noMatchStreak: 0 },
    why: {
      kind: 'ranking',
      terms: pullingWords(text, vector, topIndex, model, load).slice(0, MAX_TERMS),
      phrasing: phrasing ?? null,
      score: confidence,
      margin,
      thresholds,
    },
    // Without the phrasings here, the widget finds the phrasing at hand-off from the text as ranked.
    ...(phrasing === undefined && { ranked: text }),
  };
}

/**
 * Answers one customer message. A message clearly written in another of the
 * site's languages carries that language in `otherLocale`, so the widget can
 * answer it from that language's articles instead.
 * @param model - a compiled model ({@link compileModel}), as loaded from its JSON asset
 * @param message - what the customer typed
 * @param state - the conversation so far: the previous reply's `state` (default: a fresh conversation)
 * @param thresholds - override the model's thresholds (for calibration and tests)
 * @example
 * let reply = answer(model, 'hoi ik heb mijn pakketje nog steeds niet');
 * reply.action // 'answer'; reply.articleId // 'track-parcel'
 * reply = answer(model, 'asdf', reply.state);
 */
export function answer(model: AssistantModel, message: string, state: ConversationState = INITIAL_STATE, thresholds: Thresholds = model.thresholds): Reply {
  const reply = replyTo(model, message, state, thresholds);
  const other = otherLanguage(message, model.locale);
  return other ? { ...reply, otherLocale: other } : reply;
}

/** The sentences of a message: split after a full stop, question or exclamation mark followed by a space. */
function sentencesOf(message: string): string[] {
  return message.split(/(?<=[.!?])\s+/u);
}

/** What {@link replyTo} leaves out of or names in a message before ranking it, in this order. */
const MESSAGE_FILTERS: readonly ((message: string, locale: string) => string)[] = [
  withoutReferences,
  withDiscountCodesNamed,
  withoutAttempts,
  withoutComparisons,
  withoutHypothesis,
];

/** {@link answer} without the language check. */
function replyTo(model: AssistantModel, typed: string, state: ConversationState = INITIAL_STATE, thresholds: Thresholds = model.thresholds): Reply {
  const load = loaded(model);
  // What the question is about: an order number says which order, not what
  // about it; a campaign's code ("WELKOM15") is a discount code; how often it
  // was already tried ("al 2x") is no topic; another shop named as an example
  // ("gelijk bij zalando", "goedkoper bij de MediaMarkt") is not the shop it
  // is about, nor its topic; nor is a hypothesis's framing ("stel dat …"); a
  // topic declined before the one meant ("ik wil niet annuleren, alleen …")
  // is not the topic. A message that is only these keeps them.
  const framed = MESSAGE_FILTERS.reduce((text, filter) => filter(text, model.locale), typed);
  const meant = withoutDeclined(model, framed, thresholds);
  const message = chatWords(meant).length > 0 ? meant : typed;
  const stems = messageWords(message, model.locale);

  // A letter's opening ("Beste medewerker, …") addresses the reader; it does not ask for a person.
  const addressed = withoutSalutation(message, model.locale);
  // A pattern's words stand in one sentence: "…a code on my phone. You have that too?" does not ask to phone anyone.
  const sentences = sentencesOf(addressed).map((sentence) => messageWords(sentence, model.locale));
  for (const { rule, patterns } of load.rules) {
    if (rule.mode !== 'always') continue;
    const hit = patterns.find((pattern) => sentences.some((words) => findPattern(pattern.compiled, words) !== null));
    if (hit) return ruleReply(rule, hit.text, state, []);
  }

  const articlePattern = load.articlePatterns.find((pattern) => findPattern(pattern.compiled, stems) !== null);
  if (articlePattern) {
    const article = model.articles[articlePattern.article]!;
    const others = rank(model, message).filter((candidate) => candidate.articleId !== article.id);
    const rival = others[0];
    if (rival && rival.score >= PATTERN_OVERRULED) return decide(model, message, state, thresholds);
    if (rival && rival.score >= PATTERN_DOUBT) {
      return {
        action: 'clarify',
        articleId: article.id,
        candidates: [{ articleId: article.id, score: 1 }, ...others].slice(0, MAX_CANDIDATES),
        confidence: rival.score,
        offered: [article.id, rival.articleId],
        offerHandoff: false,
        state: { noMatchStreak: 0 },
        why: { kind: 'pattern', articleId: article.id, pattern: articlePattern.text },
      };
    }
    return {
      action: 'answer',
      articleId: article.id,
      candidates: [{ articleId: article.id, score: 1 }, ...others].slice(0, MAX_CANDIDATES),
      confidence: 1,
      offerHandoff: false,
      state: { noMatchStreak: 0 },
      why: { kind: 'pattern', articleId: article.id, pattern: articlePattern.text },
    };
  }

  // Set aside what `alone` rules matched. The rule listed last in the rules
  // file names the reply (its longest match the pattern): the file lists the
  // general ones first, so "hoi, bedankt" is thanks, "bedankt voor de hulp"
  // thanks and not help, "ok dat was het, doei" goodbye.
  const words = chatWords(message);
  const covered = new Array<boolean>(words.length).fill(false);
  let best: { rule: ModelRule; pattern: string; length: number; order: number } | null = null;
  for (const [order, { rule, patterns }] of load.rules.entries()) {
    if (rule.mode === 'always') continue;
    for (const pattern of patterns) {
      const span = findPattern(pattern.compiled, stems);
      if (!span) continue;
      for (let i = span.start; i < span.end; i++) covered[i] = true;
      const length = span.end - span.start;
      if (!best || order > best.order || (order === best.order && length > best.length)) best = { rule, pattern: pattern.text, length, order };
    }
  }
  if (!best) return decide(model, message, state, thresholds);

  const kept = words.filter((_, i) => !covered[i]).join(' ');
  // The rule's words open the message with a question word, after any other rule's words ("Geachte heer/mevrouw,
  // waarmee kunt u mij van dienst zijn?"): the question is the rule's.
  const openers = QUESTION_OPENERS[model.locale];
  let opening = 0;
  while (opening < words.length && covered[opening] && !openers?.has(words[opening]!)) opening++;
  const ruleAsks = covered[opening] === true && (openers?.has(words[opening]!) ?? false);
  const keptWords = analyze(kept, model.locale, load.context.lexicon).length;
  if (keptWords === 0) return ruleReply(best.rule, best.pattern, state, []);
  const keptTerms = knownWords(kept, model, load);
  // A question besides the rule's words? Rank the whole message first: the
  // rule's words can belong to the question ("can I pay later" keeps its
  // "later", "ik heb een vraag over een product" its "vraag"); then the rest
  // alone, in case the rule's words only blur it.
  const whole = decide(model, message, state, thresholds);
  // The rest is ranked only when a decision needs it.
  let restReply: Reply | undefined;
  const restOf = (): Reply => (restReply ??= decide(model, kept, state, thresholds));
  const asks = isQuestion(message, kept, model.locale, ruleAsks);
  // Rule words that say more than the one shop word beside them, in a
  // message that asks nothing, are the message when they add nothing to its
  // ranking ("you're a useless scam company", "screw this company");
  // "i have a question about a product" ranks higher with its rule words, and
  // one rule word beside a topic ("scam text message") stays the topic's.
  const ruleWords = covered.filter(Boolean).length;
  if (best.rule.mode === 'alone' && !asks && ruleWords >= 2 && keptTerms <= 1 && whole.confidence <= restOf().confidence) {
    return ruleReply(best.rule, best.pattern, state, []);
  }
  // Small talk whose own words carry the ranking ("nog een prettige dag verder, tot ziens" is no question about the 30 days) stays small talk.
  if (best.rule.mode === 'aside' && !asks && whole.action === 'answer' && restOf().action === 'nomatch') {
    return ruleReply(best.rule, best.pattern, state, []);
  }
  if (whole.action === 'answer') return whole;
  const rest = restOf();
  if (rest.action === 'answer') return rest;
  // "bedankt voor de snelle hulp" is thanks, "jullie zijn waardeloos" abuse;
  // "hallo, er zat een ander product in mijn doos" is a question the rule
  // must not swallow, even when the assistant can only offer articles.
  const unanswered = whole.action === 'nomatch' && rest.action === 'nomatch';
  // Beside small talk, a question no article covers is still a question: "kin ich dat later betaole?" is no goodbye, "yo hoe regel ik ff een login" no greeting.
  if (best.rule.mode === 'aside' && unanswered && keptWords >= MIN_QUESTION_WORDS && asks) return whole;
  // A question besides the greeting that articles can be offered for is asked, however few of its words the articles use.
  const asked = !unanswered && asks;
  // Beside small talk, even one word the articles know that earns an offer is the question ("later betalen" is no goodbye).
  const maxOtherTerms = unanswered ? ALONE_RULE_MAX_OTHER_TERMS : best.rule.mode === 'aside' ? 0 : 1;
  if (!asked && keptTerms <= maxOtherTerms) return ruleReply(best.rule, best.pattern, state, whole.candidates);
  return whole.action === 'clarify' || rest.action !== 'clarify' ? whole : rest;
}
