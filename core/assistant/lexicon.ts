/**
 * The customer-service lexicon shipped with the engine: how customers of any
 * Dutch-, Flemish- or English-speaking shop say the words help articles use.
 * Regional words (Flemish "zetel", "kassaticket", "toegekomen"), informal and
 * dialect function words ("ge", "nen", "da"), and misspellings common enough
 * that the typo correction should not have to guess (a missing letter is the
 * correction's job; "kadobon" for "cadeaubon" is three edits away, so it lives
 * here).
 *
 * Each group is a synonym group like those in content/assistant/<locale>.yaml:
 * the first member is what the others become. It should be a word help
 * articles use. Groups apply to every site, before the site's own synonyms:
 * a word the site puts in a group of its own follows the site
 * ({@link mergeSynonyms}).
 *
 * To extend: add a member to a group, or a group, and run
 * `npx vitest run core/assistant` (lexicon.test.ts checks the shape, the dev
 * set's table test the effect).
 */
import type { Locale } from '../locale.ts';

const DUTCH: readonly (readonly string[])[] = [
  // Flemish and informal function words → the standard word (mostly stop words,
  // so they stop pulling towards articles by accident).
  ['een', 'ne', 'nen', 'n'],
  ['eens', 'es', 'ns'],
  ['je', 'ge', 'gij', 'gy'],
  ['dat', 'da'],
  ['wat', 'wa', 'wadde'],
  ['niet', 'ni', 'nie', 'nt'],
  ['kun je', 'kunde', 'kunt ge', 'kunnen jullie', 'kunnen julle'],
  ['mag ik', 'moog ik', 'mag k'],
  ['mag', 'moogt', 'moog'],
  ['even', 'efkes', 'effe', 'ff', 'eventjes', 'efkens'],
  ['ik', 'k', 'ikke'],
  ['mijn', 'mijne', 'men', 'mn', 'mijnen'],
  ['wordt', 'word', 'wort'],
  ['alsjeblieft', 'aub', 'a.u.b', 'pls', 'plz', 'please', 'alstublieft', 'astemblief', 'asjeblieft'],
  ['waarom', 'wrm', 'waarom da'],
  ['hoelang', 'hoe lang', 'hoeveel tijd'],
  // Flemish and regional words for things shops sell and do.
  ['meubel', 'zetel', 'zetels', 'sofa', 'bankstel', 'canape', 'fauteuil', 'kast', 'kasten', 'dressoir', 'bed', 'matras'],
  [
    'factuur',
    'faktuur',
    'fakturen',
    'factuurtje',
    'kassaticket',
    'kasticket',
    'kassabon',
    'kassabonnetje',
    'bonnetje',
    'rekening van mijn bestelling',
    'nota',
    'aankoopbewijs',
    'aankoopbon',
    'bewijs van aankoop',
  ],
  [
    'cadeaubon',
    'geschenkbon',
    'geschenkbonnen',
    'kadobon',
    'kadobonnen',
    'kadootjesbon',
    'cadobon',
    'kadeaubon',
    'cadeau bon',
    'kado bon',
    'cadeaucheque',
    'geschenkcheque',
    'geschenkkaart',
    'kadokaart',
    'cadeaubonnetje',
  ],
  [
    'retourneren',
    'terugzenden',
    'terug zenden',
    'terugsenden',
    'retouneren',
    'retourneeren',
    'retoerneren',
    'returneren',
    'retourzenden',
    'terugbrengen',
    'retour zenden',
    'opsturen naar jullie',
  ],
  ['ontvangen', 'toegekomen', 'ontvangd', 'gehad'],
  ['pakket', 'pakske', 'colis', 'doos'],
  ['telefoon', 'gsm', 'gsmke', 'smartphone', 'mobieltje', 'mobiel', 'iphone', 'gsm nummer'],
  [
    'afhaalpunt',
    'postpunt',
    'pakjespunt',
    'pakketpunt',
    'servicepoint',
    'service point',
    'servicepunt',
    'ophaalpunt',
    'afhaal punt',
    'postkantoor',
    'pick up point',
    'pickup point',
    'afhaalpunten',
  ],
  ['postnl', 'bpost', 'de post', 'post nl'],
  [
    'verzendkosten',
    'verzendkoste',
    'verzendingskosten',
    'leveringskosten',
    'leverkosten',
    'portokosten',
    'porto',
    'transportkosten',
    'verzendkost',
    'bezorgkosten',
    'verzendingskost',
  ],
  ['annuleren', 'annuleeren', 'anuleren', 'annulleren', 'annuleer', 'annulatie', 'annuleringen'],
  ['garantie', 'garatie', 'garantee', 'garrantie', 'waarborg', 'garanti'],
  ['wachtwoord', 'wachtwood', 'wachtwoort', 'passwoord', 'paswoord', 'wachwoord', 'wachtwoor', 'pasword'],
  ['teruggestort', 'teruggestord', 'terugbetaald', 'terug gestort', 'terug betaald', 'terugestort'],
  ['kapot', 'gebroken', 'kaduuk', 'gebarsten', 'in scherven', 'scherven', 'naar de knoppen', 'defect'],
  ['winkelwagen', 'winkelmandje', 'winkelmand', 'winkelkarretje', 'mandje', 'winkelkar'],
  ['registreren', 'inschrijven', 'registeren', 'registreer', 'aanmaken van een account', 'sign up', 'signup', 'signuppen'],
  ['adres', 'domicilie', 'adress', 'adresse', 'addres'],
  ['bedrijf', 'firma', 'onderneming', 'vennootschap', 'bv', 'bvba', 'vof'],
  ['btw-nummer', 'ondernemingsnummer', 'btw nummer', 'btwnummer', 'kvk nummer', 'kvk'],
  ['nieuwsbrief', 'promomail', 'promomails', 'reclame', 'promo mails', 'spam van jullie', 'mailinglijst', 'mailing lijst', 'nieuwsbrieven', 'spammen'],
  ['kortingscode', 'promocode', 'kortingcode', 'kortingscodes', 'vouchercode', 'actie code', 'kortingsbon'],
  ['bestelling', 'bestlling', 'bestellling', 'besteling', 'bestelin', 'bestellinng', 'oder', 'ordertje'],
  ['bezorgd', 'bezorgt', 'geleverd', 'geleverdt', 'afgeleverd', 'bezorg', 'delivered'],
  ['levertijd', 'levertermijn', 'leveringstermijn', 'levertijden', 'leveringstijd'],
  ['handleiding', 'handleidin', 'handlijding', 'boekje', 'instructies', 'bouwtekening', 'montagehandleiding', 'montage instructies', 'instructieboekje'],
  ['betaling', 'betaaling', 'betalling'],
  ['account', 'acount', 'accout', 'acc', 'profiel', 'klantenaccount', 'klantaccount', 'klantenprofiel'],
  ['verwijderen', 'opheffen', 'wissen', 'schrappen', 'weghalen', 'deleten', 'opzeggen'],
  ['belgie', 'belgei', 'belgië', 'vlaanderen', 'wallonie', 'zuiderburen', 'be'],
  ['terugroepactie', 'terugroep actie', 'recall', 'terugroeping', 'uit de handel gehaald', 'uit de handel'],
  ['reparatie', 'herstelling', 'herstellen', 'laten maken', 'repareren', 'reparere', 'fixen', 'fiksen', 'hersteld', 'gerepareerd'],
  ['ruilen', 'wisselen', 'omwisselen', 'verwisselen', 'omruilen'],
  // Informal words for money and paying.
  ['geld', 'doekoe', 'poen', 'centen', 'knaken', 'pegels', 'money'],
  ['betalen', 'dokken', 'aftikken', 'lappen'],
  ['afrekenen', 'uitchecken', 'checkout', 'check out', 'afreken'],
  ['verdacht', 'scam', 'sketchy', 'fishy', 'oplichting', 'fraude', 'frauduleus'],
  ['inwisselen', 'verzilveren', 'verzilver', 'inruilen voor'],
  ['gegevens', 'data', 'persoonsgegevens', 'persoonlijke gegevens'],
];

const ENGLISH: readonly (readonly string[])[] = [
  ['parcel', 'package', 'pkg', 'packet', 'parcle', 'percel', 'pakket', 'pakketje'],
  ['order', 'stuff', 'oder', 'ordr', 'purchase', 'bestelling'],
  ['sofa', 'couch', 'settee', 'sectional', 'loveseat'],
  ['postcode', 'zip code', 'zipcode', 'zip', 'post code'],
  ['phone', 'mobile', 'cell', 'cellphone', 'cell phone', 'smartphone', 'iphone'],
  ['invoice', 'receipt', 'invoce', 'invioce', 'vat receipt', 'factuur'],
  ['gift card', 'giftcard', 'gift voucher', 'voucher', 'gift certificate', 'gift cards', 'cadeaubon', 'cadeaukaart'],
  ['discount code', 'promo code', 'promocode', 'coupon', 'coupon code', 'voucher code', 'discount coupon'],
  ['refund', 'money back', 'refunded', 'reimbursement', 'refnd'],
  ['warranty', 'warrenty', 'waranty', 'guarantee', 'guarantie', 'warrantee'],
  ['receive', 'recieve', 'recieved', 'received'],
  ['address', 'adress', 'addres', 'adres'],
  ['password', 'pasword', 'passwrd', 'pw', 'passw'],
  ['cancel', 'cancell', 'cancle', 'cancelled', 'canceled'],
  ['delivery', 'delivary', 'delievery', 'delivry'],
  [
    'pick-up point',
    'pickup point',
    'collection point',
    'parcel shop',
    'parcelshop',
    'drop off point',
    'locker',
    'post office',
    'servicepoint',
    'servicepunt',
    'afhaalpunt',
    'pakketpunt',
  ],
  ['account', 'acount', 'accout', 'profile'],
  ['broken', 'damaged', 'smashed', 'cracked', 'busted', 'faulty', 'defective', 'dented'],
  ['newsletter', 'marketing emails', 'promo emails', 'mailing list', 'spam from you', 'nieuwsbrief'],
  ['manual', 'instructions', 'user guide', 'assembly instructions', 'handleiding', 'gebruiksaanwijzing'],
  ['two-step verification', '2fa', 'two factor', 'two-factor', 'authenticator'],
  ['belgium', 'belguim', 'belgum', 'flanders', 'wallonia'],
  ['please', 'pls', 'plz'],
  ['tomorrow', 'tmrw', 'tmr', 'tomorow', 'tommorow', 'tomorrw'],
  ['track', 'trak', 'trck'],
  ['exchange', 'swap'],
  // Dutch words expats carry over from the site and their mail ("my bestelling", "the herinnering from Klarna").
  ['confirmation', 'bevestiging', 'orderbevestiging'],
  ['reminder', 'herinnering', 'betalingsherinnering', 'aanmaning'],
  ['basket', 'winkelmand', 'winkelmandje', 'winkelwagen'],
];

/** The shipped lexicon per locale. */
export const LEXICON: Readonly<Record<Locale, readonly (readonly string[])[]>> = { nl: DUTCH, en: ENGLISH };

/** The synonym groups the assistant's model of `locale` reads, and the search index with it: the site's `site` groups merged into the lexicon's. */
export function synonymGroups(locale: Locale, site: readonly (readonly string[])[]): string[][] {
  return mergeSynonyms(LEXICON[locale], site);
}

/**
 * The synonym groups a model uses: the site's own groups first, then the
 * lexicon's without any word the site's groups already have (so a site can
 * give a lexicon word another meaning, or keep it as it is by listing it alone
 * in a group of two with itself… or simply in a group of its own).
 */
export function mergeSynonyms(lexicon: readonly (readonly string[])[], site: readonly (readonly string[])[]): string[][] {
  // Lower case and trimmed only: not analysis.ts's fold, which also drops diacritics.
  const sameWord = (member: string) => member.toLowerCase().trim();
  const taken = new Set(site.flat().map(sameWord));
  const merged = site.map((group) => [...group]);
  for (const group of lexicon) {
    const [canonical, ...others] = group;
    if (canonical === undefined) continue;
    const free = others.filter((member) => !taken.has(sameWord(member)) && sameWord(member) !== sameWord(canonical));
    if (free.length === 0) continue;
    merged.push([canonical, ...new Set(free)]);
  }
  return merged;
}
