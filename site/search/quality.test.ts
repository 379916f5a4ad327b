/**
 * Search quality: what customers type into the help-center search box, and
 * the article (by translation key) that must come up in the top 3 — against
 * the real demo content in content/articles.
 *
 * The queries are deliberately NOT the articles' titles or `questions`
 * phrasings: those are what the authors foresaw. These rows test the wording
 * they did not: keywords, informal Dutch and English, typos, other word forms,
 * diminutives, compounds split or joined the other way, half-typed words and
 * missing diacritics. A few rows echo a phrasing in part; none copies one
 * (checked below).
 *
 * When a row fails, first ask whether the query is realistic and the expected
 * article truly the best answer; then improve the search (engine.ts,
 * analysis.ts), never the row or the content.
 */
import { describe, expect, it } from 'vitest';
import { articlesOf, searchIndexFile } from '../content/site-data.ts';
import { tokenize } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';
import { type OpenSearchIndex, openSearchIndex, searchArticles } from './engine.ts';
import { unpackWholeIndex } from './format.ts';

/** A customer query and the translation key of the article it must find. */
type Row = readonly [query: string, translationKey: string];

/** How far down the expected article may be: what a customer sees without scrolling. */
const TOP = 3;

const NL: Row[] = [
  // Waar is mijn pakket?
  ['pakketje nog onderweg', 'track-parcel'], // diminutive
  ['pakketstatus', 'track-parcel'], // compound the content never uses
  ['trak en trace', 'track-parcel'], // typo
  ['waar blijft mn bestelling', 'track-parcel'], // informal "mn"
  // Pakket bezorgd maar niet ontvangen
  ['bezorgd volgens postnl maar niks gekregen', 'parcel-not-received'],
  ['pakket zoekgeraakt', 'parcel-not-received'],
  ['pakket bij de buren', 'parcel-not-received'],
  ['mn pakkie is kwijt', 'parcel-not-received'], // the assistant's synonym, not the content's word
  ['zending kwijt', 'parcel-not-received'], // idem
  // Wachtwoord vergeten
  ['wachtwoordherstel', 'reset-password'], // compound of "wachtwoord herstellen"
  ['wachtwoord kwijtgeraakt', 'reset-password'],
  ['wachtwoord vergten', 'reset-password'], // typo
  ['kan niet inloggen', 'reset-password'],
  ['wachtw', 'reset-password'], // typed so far
  // Tweestapsverificatie
  ['2 staps verificatie', 'two-step-verification'], // compound split, digit for "twee"
  ['authenticator app', 'two-step-verification'],
  ['inlogcode per sms', 'two-step-verification'],
  ['tweestap', 'two-step-verification'], // typed so far
  // Account aanmaken
  ['registratie', 'create-account'], // noun of "registreren"
  ['activatiemail niet gehad', 'create-account'], // compound with a noun of "activeren"
  // Account verwijderen
  ['account opzeggen', 'delete-account'],
  ['profiel wissen', 'delete-account'],
  // E-mailadres wijzigen
  ['emailadres veranderen', 'change-email'], // no hyphen
  ['nieuw mail adres', 'change-email'], // compound split
  // Afmelden voor de nieuwsbrief
  ['nieuwsbrief opzeggen', 'newsletter-unsubscribe'],
  ['geen reclame meer', 'newsletter-unsubscribe'],
  // Jouw gegevens en privacy
  ['avg', 'privacy-data'],
  ['privacyverklaring', 'privacy-data'], // compound of a known and an unknown word
  // Verdachte e-mail of sms
  ['nepmail', 'phishing'],
  ['oplichting', 'phishing'],
  ['phishing sms', 'phishing'],
  // Bestelling annuleren
  ['order annuleren', 'cancel-order'],
  ['annulering', 'cancel-order'], // noun form
  // Bestelling wijzigen
  ['iets toevoegen aan order', 'change-order'],
  ['bestelling veranderen', 'change-order'],
  // Bestellen zonder account
  ['gast account', 'guest-order'],
  ['bestellen zonder registreren', 'guest-order'],
  // Hoe plaats ik een bestelling?
  ['winkelwagentje', 'place-order'], // diminutive
  ['winkelmandje', 'place-order'], // diminutive of another word for the cart
  // Product uitverkocht of pre-order
  ['weer leverbaar', 'out-of-stock'],
  ['pre order', 'out-of-stock'],
  ['voorbestellen', 'out-of-stock'],
  // Zakelijk bestellen en btw-factuur
  ['btw factuur', 'business-order'],
  ['bedrijf bestelling', 'business-order'],
  // Factuur downloaden of aanpassen
  ['factuur pdf', 'invoice'],
  ['kopie factuur', 'invoice'],
  ['kasticket kwijt', 'invoice'], // Flemish, from the assistant's lexicon
  ['nota van mijn bestelling', 'invoice'], // idem
  // Geen orderbevestiging ontvangen
  ['order bevestiging', 'order-confirmation-missing'], // compound split
  ['geen bevestiging gekregen', 'order-confirmation-missing'],
  // Betaling mislukt
  ['ideal werkt niet', 'payment-failed'],
  ['betalen lukt niet', 'payment-failed'],
  // Dubbel betaald
  ['dubbel afgeschreven', 'paid-twice'],
  ['2x betaald', 'paid-twice'],
  // Achteraf betalen met Klarna
  ['later betalen', 'pay-later'],
  ['klarna', 'pay-later'],
  // Betalingsherinnering ontvangen
  ['aanmaning', 'payment-reminder'],
  ['herinnering betaling', 'payment-reminder'], // compound split, reversed
  // Welke betaalmethoden zijn er?
  ['betaalmogelijkheden', 'payment-methods'],
  ['paypal mogelijk', 'payment-methods'],
  ['betalen met visa', 'payment-methods'],
  ['mastercard', 'payment-methods'],
  // Bezorgen in België
  ['belgië', 'delivery-belgium'],
  ['bezorging belgie', 'delivery-belgium'], // no diacritic
  // Verzendkosten
  ['verzend kosten', 'shipping-costs'], // compound split
  ['gratis verzending', 'shipping-costs'],
  ['verzenkosten', 'shipping-costs'], // typo
  // Levertijden
  ['levertijd', 'delivery-times'], // singular
  ['volgende dag geleverd', 'delivery-times'],
  ['zondagbezorging', 'delivery-times'], // compound the content never uses
  // Bezorgen bij een afhaalpunt
  ['servicepunt', 'pickup-point'],
  ['pakket afhalen', 'pickup-point'],
  // Bezorging van grote artikelen
  ['meubels bezorgen', 'large-item-delivery'],
  ['wasmachine aansluiten', 'large-item-delivery'],
  // Bezorgadres wijzigen
  ['adres wijzigen', 'change-delivery-address'],
  ['adreswijziging', 'change-delivery-address'],
  ['bezorgadr', 'change-delivery-address'], // typed so far
  // Hoe stuur ik iets terug?
  ['retourpakketje', 'return-item'], // compound and diminutive
  ['retourn', 'return-item'], // typed so far
  ['artikel terug sturen', 'return-item'], // "terugsturen" split
  // Bedenktijd en retourtermijn
  ['retour termijn', 'return-period'], // compound split
  ['14 dagen bedenktijd', 'return-period'],
  ['retourbeleid', 'return-period'], // compound the content never uses
  // Kosten van retourneren
  ['retourkosten', 'return-costs'],
  ['gratis retour', 'return-costs'],
  // Wat kan ik niet retourneren?
  ['hygiëne producten retour', 'non-returnable-items'], // diacritic, compound split
  ['geopende software terugsturen', 'non-returnable-items'],
  // Beschadigd of verkeerd artikel ontvangen
  ['beschadigde levering', 'damaged-or-wrong-item'],
  ['verkeerd product ontvangen', 'damaged-or-wrong-item'],
  // Ruilen voor een andere maat of kleur
  ['omruilen', 'exchange-item'],
  ['andere maat', 'exchange-item'],
  // Wanneer krijg ik mijn geld terug?
  ['terugbetaling', 'refund-status'],
  ['geld nog niet terug', 'refund-status'],
  ['terugbet', 'refund-status'], // typed so far
  // Cadeaubon kopen
  ['cadeabon kopen', 'buy-gift-card'], // typo
  ['cadeaukaart kopen', 'buy-gift-card'],
  // Cadeaubon inwisselen
  ['met cadeaubon betalen', 'redeem-gift-card'],
  ['bon inwisselen', 'redeem-gift-card'],
  ['bon verzilveren', 'redeem-gift-card'], // the lexicon's word
  // Saldo van je cadeaubon
  ['tegoed cadeaubon', 'gift-card-balance'],
  ['saldo checken', 'gift-card-balance'],
  // Kortingscode werkt niet
  ['kortings code', 'discount-code'], // compound split
  ['kortingcode', 'discount-code'], // without the linking s
  // Handleiding vinden
  ['gebruikshandleiding', 'manuals'],
  ['handleding', 'manuals'], // typo
  ['handlei', 'manuals'], // typed so far
  // Hoe werkt de garantie?
  ['garantieaanvraag', 'warranty'],
  ['fabrieksgarantie', 'warranty'],
  // Product kapot: reparatie aanvragen
  ['reparatieservice', 'repair'], // compound the content never uses
  ['reparatie', 'repair'],
  // Terugroepacties
  ['terugroep actie', 'product-recall'], // compound split
  ['recall', 'product-recall'],
  // Vraag over een product
  ['productadvies', 'product-question'],
  ['vraag stellen over artikel', 'product-question'],
];

const EN: Row[] = [
  // Where is my parcel?
  ['track my order', 'track-parcel'],
  ['tracking number', 'track-parcel'],
  ['wheres my package', 'track-parcel'], // no apostrophe
  ['where is my pkg', 'track-parcel'], // the assistant's synonym, not the content's word
  ['wheres my stuff', 'track-parcel'], // echoes a phrasing: the classic
  ['package never showed up', 'track-parcel'],
  // Parcel marked delivered but not received
  ['tracking shows delivered but nothing at door', 'parcel-not-received'],
  ['parcel stolen', 'parcel-not-received'],
  ['missing package', 'parcel-not-received'],
  ['left with neighbour', 'parcel-not-received'],
  // Forgot your password
  ['cant log in', 'reset-password'], // no apostrophe
  ['new password', 'reset-password'],
  ['forgot pasword', 'reset-password'], // typo
  ['passw', 'reset-password'], // typed so far
  // Two-step verification
  ['2fa', 'two-step-verification'],
  ['two factor auth', 'two-step-verification'],
  ['authenticator', 'two-step-verification'],
  // Creating an account
  ['register', 'create-account'],
  ['new account', 'create-account'],
  // Deleting your account
  ['remove account', 'delete-account'],
  ['delete profile', 'delete-account'],
  ['get rid of my account', 'delete-account'],
  // Changing your e-mail address
  ['change email', 'change-email'], // "e-mail" in the title
  ['update email address', 'change-email'],
  // Unsubscribing from the newsletter
  ['unsubscr', 'newsletter-unsubscribe'], // typed so far
  ['stop emails', 'newsletter-unsubscribe'],
  ['newsleter', 'newsletter-unsubscribe'], // typo
  // Your data and privacy
  ['gdpr', 'privacy-data'],
  ['what data do you store', 'privacy-data'],
  // Suspicious e-mail or text message
  ['scam', 'phishing'],
  ['fake email', 'phishing'],
  // Cancelling an order
  ['cancel purchase', 'cancel-order'],
  ['cancellation', 'cancel-order'], // noun form
  // Changing your order
  ['edit order', 'change-order'],
  ['add item to order', 'change-order'],
  // Ordering without an account
  ['guest checkout', 'guest-order'],
  // How do I place an order?
  ['shopping basket', 'place-order'],
  ['basket', 'place-order'],
  // Sold-out items and pre-orders
  ['out of stock', 'out-of-stock'],
  ['soldout', 'out-of-stock'], // "sold-out" written as one word
  ['preorder', 'out-of-stock'], // "pre-order" written as one word
  // Ordering for your business
  ['vat invoice', 'business-order'],
  ['business account', 'business-order'],
  // Downloading or changing your invoice
  ['invoice pdf', 'invoice'],
  ['receipt', 'invoice'],
  // No order confirmation received
  ['no confirmation email', 'order-confirmation-missing'],
  ['confirmation mail missing', 'order-confirmation-missing'],
  // Payment failed
  ['payment declined', 'payment-failed'],
  ['payment didnt work', 'payment-failed'],
  // Charged twice
  ['double charged', 'paid-twice'],
  ['money taken twice', 'paid-twice'],
  // Paying later with Klarna
  ['klarna', 'pay-later'],
  ['pay in 30 days', 'pay-later'],
  // Payment reminder received
  ['late payment', 'payment-reminder'],
  ['reminder', 'payment-reminder'],
  // Which payment methods can I use?
  ['paypal', 'payment-methods'],
  ['pay with visa', 'payment-methods'],
  ['mastercard', 'payment-methods'],
  // Delivery to Belgium
  ['belgium', 'delivery-belgium'],
  ['shipping to belgum', 'delivery-belgium'], // typo
  // Shipping costs
  ['delivery cost', 'shipping-costs'],
  ['free shipping', 'shipping-costs'],
  ['shiping cost', 'shipping-costs'], // typo
  // Delivery times
  ['next day delivery', 'delivery-times'],
  ['sunday delivery', 'delivery-times'],
  ['how long delivery', 'delivery-times'],
  // Delivery to a pick-up point
  ['pickup point', 'pickup-point'], // "pick-up" written as one word
  ['collect parcel', 'pickup-point'],
  // Delivery of large items
  ['sofa delivery', 'large-item-delivery'],
  ['washing machine installation', 'large-item-delivery'],
  // Changing the delivery address
  ['change shipping address', 'change-delivery-address'],
  ['moved house new address', 'change-delivery-address'],
  // How do I return something?
  ['qr code return', 'return-item'],
  ['send back', 'return-item'],
  ['returning', 'return-item'],
  // Returns window
  ['return period', 'return-period'],
  ['cooling off', 'return-period'],
  // Return costs
  ['return shipping cost', 'return-costs'],
  ['return fee', 'return-costs'],
  // What can't be returned?
  ['non returnable', 'non-returnable-items'],
  ['hygiene products return', 'non-returnable-items'],
  // Damaged or wrong item received
  ['broken on arrival', 'damaged-or-wrong-item'],
  ['received wrong product', 'damaged-or-wrong-item'],
  ['recieved damaged item', 'damaged-or-wrong-item'], // typo
  // Exchanging for another size or colour
  ['swap size', 'exchange-item'],
  ['different size', 'exchange-item'],
  // When will I get my refund?
  ['money back', 'refund-status'],
  ['refund status', 'refund-status'],
  ['havent got my refund', 'refund-status'], // no apostrophe
  // Buying a gift card
  ['digital gift card', 'buy-gift-card'],
  // Redeeming a gift card
  ['pay with gift card', 'redeem-gift-card'],
  ['redeem voucher', 'redeem-gift-card'],
  // Checking your gift card balance
  ['gift card money left', 'gift-card-balance'],
  ['giftcard balance', 'gift-card-balance'],
  ['voucher balance', 'gift-card-balance'],
  // Discount code not working
  ['promo code', 'discount-code'],
  ['coupon', 'discount-code'],
  // Finding a manual
  ['user manual', 'manuals'],
  ['instructions', 'manuals'],
  // How does the warranty work?
  ['warranty claim', 'warranty'],
  ['guarantee', 'warranty'],
  ['warrant', 'warranty'], // typed so far
  // Broken product: requesting a repair
  ['repair', 'repair'],
  ['fix broken', 'repair'],
  // Product recalls
  ['recall', 'product-recall'],
  ['kettle recall', 'product-recall'],
  ['safety', 'product-recall'],
  // Question about a product
  ['product advice', 'product-question'],
  ['ask a question', 'product-question'],
];

/** Queries that match no word of the content, not even within typo distance. */
const NOTHING: Record<Locale, string[]> = {
  nl: ['xqzv blorp', 'asdfghjkl', 'qqqq wwww', 'recept appeltaart', 'voetbal uitslagen'],
  en: ['xqzv blorp', 'zxcvbnm', 'lorem ipsum dolor', 'football results', 'weather forecast'],
};

const ROWS: Record<Locale, Row[]> = { nl: NL, en: EN };

interface LocaleSearch {
  index: OpenSearchIndex;
  /** Hit id (`<locale>/<slug>`) → translation key. */
  keyOfId: Map<string, string>;
}

const searches = new Map<Locale, LocaleSearch>();

/** The real index of a locale, built from content/ once per test run, as the site builds it. */
function searchOf(locale: Locale): LocaleSearch {
  let search = searches.get(locale);
  if (!search) {
    search = {
      index: openSearchIndex(unpackWholeIndex(JSON.parse(searchIndexFile(locale).json))),
      keyOfId: new Map(articlesOf(locale).map((a) => [a.id, a.translationKey])),
    };
    searches.set(locale, search);
  }
  return search;
}

/** Translation keys of the first `count` hits for `query`, best first. */
function topKeys(locale: Locale, query: string, count: number): string[] {
  const { index, keyOfId } = searchOf(locale);
  return searchArticles(index, query, count).map((hit) => keyOfId.get(hit.id) ?? hit.id);
}

/** A phrase as its words, for comparing a query with a title or phrasing. */
function words(text: string): string {
  return tokenize(text).join(' ');
}

describe.each(['nl', 'en'] as const)('search quality (%s)', (locale) => {
  const rows = ROWS[locale];

  it.each(rows)(`finds "%s" → %s in the top ${TOP}`, (query, translationKey) => {
    const keys = topKeys(locale, query, 10);
    expect(keys.slice(0, TOP), `top hits: ${keys.slice(0, 5).join(', ') || 'none'}`).toContain(translationKey);
  });

  it.each(NOTHING[locale])('finds nothing for "%s"', (query) => {
    expect(topKeys(locale, query, 10)).toEqual([]);
  });

  describe('the table itself', () => {
    const articles = articlesOf(locale);

    it('has at least 45 rows and one for every article', () => {
      expect(rows.length).toBeGreaterThanOrEqual(45);
      const tested = new Set(rows.map(([, key]) => key));
      expect(articles.map((a) => a.translationKey).filter((key) => !tested.has(key))).toEqual([]);
    });

    it('names only published articles', () => {
      const keys = new Set(articles.map((a) => a.translationKey));
      expect(rows.filter(([, key]) => !keys.has(key))).toEqual([]);
    });

    it('copies no title or phrasing', () => {
      const written = new Set(articles.flatMap((a) => [a.title, ...a.questions].map(words)));
      expect(rows.filter(([query]) => written.has(words(query)))).toEqual([]);
    });

    it('has no query twice', () => {
      const queries = rows.map(([query]) => words(query));
      expect(queries.filter((q, i) => queries.indexOf(q) !== i)).toEqual([]);
    });
  });
});
