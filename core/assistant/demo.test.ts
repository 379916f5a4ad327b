/**
 * The assistant on the real demo content: chat messages as customers type
 * them (informal, typos, greetings in front), each with the article
 * (translation key) or rule it must lead to. Every row is asserted.
 *
 * A clarification counts when the expected article is among the offered
 * buttons. A row fails when content changes make a common question land elsewhere:
 * fix the article's phrasings or content/assistant/*.yaml, not this table
 * (unless the expectation itself was wrong).
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../locale.ts';
import { answer } from './answer.ts';
import { demoModel } from './demo-model.node.ts';

const modelOf = demoModel;

/** [message, expected article key, or `rule:<id>`] */
type Row = [string, string];

const dutch: Row[] = [
  ['hoi ik heb mijn pakketje nog steeds niet', 'track-parcel'],
  ['waar blijft mn bestelling??', 'track-parcel'],
  ['track en trace doet niks', 'track-parcel'],
  ['er staat bezorgd maar ik heb niks gekregen', 'parcel-not-received'],
  ['pakket is gestolen denk ik, staat op bezorgd', 'parcel-not-received'],
  ['hoe stuur ik iets terug', 'return-item'],
  ['ik wil mijn jas retourneren', 'return-item'],
  ['hoelang mag ik iets terugsturen', 'return-period'],
  ['is terugsturen gratis?', 'return-costs'],
  ['wanneer krijg ik mn geld terug', 'refund-status'],
  ['retour al 2 weken geleden verstuurd en nog steeds geen geld', 'refund-status'],
  ['kan ik ruilen voor een grotere maat', 'exchange-item'],
  ['mijn bestelling is beschadigd aangekomen', 'damaged-or-wrong-item'],
  ['ik heb het verkeerde artikel gekregen', 'damaged-or-wrong-item'],
  ['kan ik geopende oordopjes terugsturen', 'non-returnable-items'],
  ['wat kost verzending', 'shipping-costs'],
  ['vanaf welk bedrag gratis verzending', 'shipping-costs'],
  ['als ik voor 11 uur bestel heb ik het dan morgen', 'delivery-times'],
  ['bezorgen jullie op zondag', 'delivery-times'],
  ['verkeerd adres ingevuld help', 'change-delivery-address'],
  ['kan ik mijn pakket bij een postnl punt ophalen', 'pickup-point'],
  ['leveren jullie ook in belgie', 'delivery-belgium'],
  ['hoe word mijn wasmachine bezorgd', 'large-item-delivery'],
  ['ik wil mijn bestelling annuleren', 'cancel-order'],
  ['kan ik nog iets aan mijn bestelling veranderen', 'change-order'],
  ['geen bevestigingsmail gehad', 'order-confirmation-missing'],
  ['wanneer is de airfryer weer op voorraad', 'out-of-stock'],
  ['kan ik bestellen zonder account', 'guest-order'],
  ['factuur met btw voor mijn bedrijf', 'business-order'],
  ['waar kan ik mijn factuur downloaden', 'invoice'],
  ['welke betaalmethodes hebben jullie', 'payment-methods'],
  ['kan ik achteraf betalen met klarna', 'pay-later'],
  ['betaling mislukt', 'payment-failed'],
  ['ik heb per ongeluk 2x betaald', 'paid-twice'],
  ['ik krijg een aanmaning maar ik heb al betaald', 'payment-reminder'],
  ['wachtwoord vergeten', 'reset-password'],
  ['ik kan niet inlogen', 'reset-password'],
  ['hoe maak ik een account aan', 'create-account'],
  ['ik wil mijn account verwijderen', 'delete-account'],
  ['hoe verander ik mijn emailadres', 'change-email'],
  ['ik wil geen nieuwsbrief meer', 'newsletter-unsubscribe'],
  ['ik kreeg een rare sms met een betaallink', 'phishing'],
  ['wat doen jullie met mijn gegevens', 'privacy-data'],
  ['hoe zet ik tweestapsverificatie aan', 'two-step-verification'],
  ['hoe lang garantie op mijn koffiemachine', 'warranty'],
  ['mijn stofzuiger is kapot, kan die gerepareerd worden', 'repair'],
  ['handleiding kwijt', 'manuals'],
  ['cadeaubon kopen voor mijn moeder', 'buy-gift-card'],
  ['hoe gebruik ik een cadeaubon', 'redeem-gift-card'],
  ['hoeveel staat er nog op mn cadeaukaart', 'gift-card-balance'],
  ['kortingscode werkt niet', 'discount-code'],
  ['terugroepactie waterkoker', 'product-recall'],
  ['ik heb een vraag over een product', 'product-question'],
  ['hallo, waar is mijn pakket', 'track-parcel'],
  ['hoi', 'rule:greeting'],
  ['ik wil een medewerker', 'rule:handoff'],
  ['kan ik met iemand praten?', 'rule:handoff'],
  ['dankjewel!', 'rule:thanks'],
  ['doei', 'rule:goodbye'],
  ['jullie zijn waardeloos', 'rule:abuse'],
  // Insults beside one shop word are the insult; one rule word beside a topic is the topic.
  ['waardeloos bedrijf, rot op', 'rule:abuse'],
  // Small talk whose own words pull an article ("dag" → 30 dagen) is small talk.
  ['Dan wens ik u nog een prettige dag verder, tot ziens.', 'rule:goodbye'],
  // A separable verb split around its adjective (found as a person: no match before).
  ['mijn bestelling kwam kapot aan', 'damaged-or-wrong-item'],
  // Flemish question words open a question too ("wa kunde gij…").
  ['wa kunde gij allemaal voor mij doen?', 'rule:help'],
  // A letter's opening and closing are small talk around the question.
  ['Geachte heer/mevrouw, waarmee kunt u mij zoal van dienst zijn via deze chat? Met vriendelijke groet', 'rule:help'],
  ['kut, wachtwoord vergeten', 'reset-password'],
  // A supermarket with a pickup point is where the parcel goes, not another shop's order.
  ['kan ik het laten bezorgen bij de albert heijn om de hoek in plaats van thuis?', 'pickup-point'],
  ['ik heb iets bij de hema besteld maar het is niet gekomen', 'rule:other-shop'],
  // Flemish "merci hé" around thanks: the "hé" asks nothing.
  ['merci he, dat was snel opgelost', 'rule:thanks'],
  // What the customer wants to avoid, said after what they want.
  ['hoe stop ik die wekelijkse mails zonder dat ik mijn hele account moet verwijderen', 'newsletter-unsubscribe'],
  // Connecting a washing machine is in the large-items article (€49), not a service we lack.
  ['sluiten jullie de nieuwe wasmachine ook aan?', 'large-item-delivery'],
  ['zoek een bijbaantje, hebben jullie iets?', 'rule:not-covered'],
  // "niet alleen … maar …": the larger thing is meant.
  ['hoe kan ik me volledig uitschrijven, nie alleen de nieuwsbrief maar heel mijn account', 'delete-account'],
  ['cadeaubon kopn', 'buy-gift-card'],
  ['hoeveel decibel maakt die wasmachine, staat nergens', 'product-question'],
  ['dat was het, fijne zaterdag nog', 'rule:goodbye'],
  ['allee, tot ne volgende keer hé', 'rule:goodbye'],
  ['wa kan dees chatding eigenlijk', 'rule:help'],
  ['installeren jullie ook airco’s bij de mensen thuis?', 'rule:not-covered'],
  ['Doen jullie ook montage van kasten? Ik krijg die kast van 2 meter nooit zelf in elkaar', 'rule:not-covered'],
  ['is er een pdf van de montage-instructies van de boekenkast?', 'manuals'],
  // The gift card is what the customer holds; the discount field is where it failed.
  ['waar moet ik die code van de cadeaubon invullen?? er is alleen een veld voor kortingscode en daar werkt hij NIET', 'redeem-gift-card'],
  ['Heeft u een papieren catalogus die u mij per post kunt sturen?', 'rule:not-covered'],
  ['hoeveel is een bitcoin nu waard', 'rule:not-covered'],
  // Off-topic words that a shop article happens to share ("account", "brussel") are not the topic.
  ['hoe maak ik een tiktok account aan', 'rule:not-covered'],
  ['wat ben jij een nutteloos stuk software zeg', 'rule:abuse'],
  // "Is er nog niet" is the parcel not here yet; the order number says which order, not what about it.
  ['mijn bestelling is er nog niet, ordernummer 40099812', 'track-parcel'],
  ['mijn bestelling is niet compleet', 'damaged-or-wrong-item'],
  // How often it was tried says the customer is stuck; its "2x" is not a payment made twice.
  ['heb al 2x geprobeerd me te registreren, lukt niet', 'create-account'],
  ['mijn kaart is twee keer geweigerd bij het afrekenen, hoe kan dat', 'payment-failed'],
  // A guest order and then an account after all is the guest-order article.
  ['vorige maand als gast besteld, kan ik nu alsnog een account maken met mijn mailadres van toen?', 'guest-order'],
  // Whether a product suits is the product-question article, whatever the product's unknown words.
  ['is die blender sterk genoeg, geschikt om ijs te crushen?', 'product-question'],
  ['is die regenjas nu echt waterdicht of niet', 'product-question'],
  // A safer account is a second step, not a new password.
  ['hoe kan ik mijn account beter beveiligen, ik ben bang dat iemand mijn wachtwoord raadt', 'two-step-verification'],
  ['ok dat was het, dag!', 'rule:goodbye'],
  // Packaging and sustainability: no article says anything about it.
  ['waarom zit er altijd zoveel plastic in jullie pakketten, kan dat niet duurzamer', 'rule:not-covered'],
  // The text with a two-hour slot the evening before is large items, not delivery times.
  ['de kast wordt morgen geleverd, krijg ik vanavond nog een sms met de tijd?', 'large-item-delivery'],
  ['mijn btw nummer, waar vul ik dat in? zie alleen naam en adres', 'business-order'],
  // Paying at the door, or some other way, asks which payment methods there are.
  ['betalen bij levering gaat da bij ulder?', 'payment-methods'],
  ['kan ik anders betalen dan met ideal, die app doet raar', 'payment-methods'],
  ['werkt die stijltang ook op 110v in amerika', 'product-question'],
  ['is die afzuigkap stil genoeg voor een open keuken', 'product-question'],
  ['die sneakers zijn te klein, hoe wissel ik ze om', 'exchange-item'],
  ['hoe kan ik me akkount laten verwijderen', 'delete-account'],
  ['welke dingen kunnen er eigenlijk niet terug bij jullie', 'non-returnable-items'],
  ['mijn neef wordt 18, ik wil hem iets geven waarmee hij zelf iets kan uitzoeken', 'buy-gift-card'],
  // "wat kan je" opens a question about the assistant too; here it asks what cannot go back.
  ['wat kan je eigenlijk nie terugsturen bij ulder', 'non-returnable-items'],
  ['waarom is de doos zo groot voor een usb-stickje, slecht voor het milieu', 'rule:not-covered'],
  ['kan ik vanavond nog een bon mailen naar mijn broer, hij is morgen jarig', 'buy-gift-card'],
  ['ik heb een bon gemaild gekregen, hoe gebruik ik die', 'redeem-gift-card'],
  // Just signed up and the confirmation mail: creating an account, not changing the e-mail address.
  ['net ingeschreven maar die mail om mijn adres te bevestigen komt niet', 'create-account'],
  // Money that does not come back is no question about what cannot be returned.
  ['wat moet ik doen als mijn geld niet terug komt', 'refund-status'],
  // A gift card is redeemed "for" a product too: that is no exchange.
  ['kan ik mijn cadeaubon inwisselen voor de airfryer uit de aanbieding', 'redeem-gift-card'],
  // A campaign's code is a discount code, whatever its name.
  ['KERST20 doet niks??', 'discount-code'],
  ['preorder wanneer betaal ik', 'out-of-stock'],
  // Ordered twice by mistake: cancel the second, not a payment taken twice.
  ['per ongeluk twee keer dezelfde mixer besteld, kan er eentje af?', 'cancel-order'],
  ['ik zie twee keer dezelfde betaling in mijn bankapp, krijg ik er een terug?', 'paid-twice'],
  ['betalen lukt niet', 'payment-failed'],
  // "hoe laat" is also the verb laten: no question about a delivery's time.
  ['de vaatwasser lekt sinds vorige maand, hoe laat ik hem repareren', 'repair'],
  ['kan ik als belg gewoon bestellen en met bancontact betalen?', 'delivery-belgium'],
  // A guest tracks with order number and postcode: the guest-order article says how.
  ['ik heb als gast besteld, hoe kan ik dat pakket volgen?', 'guest-order'],
  // Money back after cancelling is in the cancelling article (2 working days), not a return's refund.
  ['als ik nu annuleer, wanneer staat mijn geld dan terug?', 'cancel-order'],
  // A reminder from Klarna is the reminders article (pay in the Klarna app).
  ['klarna blijft maar mailen dat ik nog moet betalen, hoe los ik dat op', 'payment-reminder'],
  // The whole order no longer wanted is cancelling it, with or without its number.
  ['bestelling 40221877 hoeft niet meer, al ergens anders gevonden', 'cancel-order'],
  ['kan de bezorger de nieuwe tv dan ook meteen aan de muur hangen?', 'rule:not-covered'],
  // Seventy-third to seventy-sixth writers' kinds of message (2026-12-07, sixteenth session), in other words.
  ['als influencer wil ik graag een samenwerking voorstellen', 'rule:not-covered'],
  ['nog niet verzonden, hoe zeg ik hem af?', 'cancel-order'],
  ['jullie hebben een föhn geleverd ipv een stijltang', 'damaged-or-wrong-item'],
  ['huisnr verkeerd ingevuld bij mijn bestelling, kan dat nog anders', 'change-delivery-address'],
  ['wat kunt gij allemaal', 'rule:help'],
  ['top, fijne middag nog!', 'rule:goodbye'],
  ['bieden jullie een extra verzekering aan bij een laptop?', 'rule:not-covered'],
  ['die cadeaubon van mijn oma, ik wil er de nieuwe mixer mee kopen', 'redeem-gift-card'],
  ['koptelefoon is na een jaar stuk, valt dat er nog onder?', 'warranty'],
  ['hoeveel watt heeft die stofzuiger', 'product-question'],
  ['ben ik te laat om de schoenen nog terug te sturen? 5 weken geleden gekregen', 'return-period'],
  // Patterns narrowed where their words meant something else: the receipt mailed, money on the bank.
  ['kunnen jullie de bon van mijn bestelling mailen? nodig voor de garantie', 'invoice'],
  ['hoe laat komt het geld op mijn bank', 'refund-status'],
  ['hoe hef ik mn account op', 'delete-account'],
  ['kan mijn bestelling nog tegengehouden worden?', 'cancel-order'],
  ['hoe diep is die vaatwasser', 'product-question'],
  ['ik heb de verkeerde straat ingevuld bij de bestelling', 'change-delivery-address'],
  ['hebben jullie een papieren folder?', 'rule:not-covered'],
  // Short questions typed as a person would, in a sweep of every topic (two were missed).
  ['als ik nu bestel wanneer komt het', 'delivery-times'],
  ['ik wil mijn jurk terugsturen', 'return-item'],
  ['ik wil mijn kleedje terugsturen', 'return-item'],
  ['ik kom niet in mijn account', 'reset-password'],
  // Buying something with the card one has is redeeming it, not buying a card.
  ['kan ik met de cadeaubon van mn oma een stofzuiger kopen', 'redeem-gift-card'],
  ['met mijn cadeaukaart een jas kopen kan dat', 'redeem-gift-card'],
  ['ik wil een cadeaubon kopen voor mijn oma', 'buy-gift-card'],
  ['moet ik nu echt een account aanmaken of kan het ook zonder?', 'guest-order'],
  ['kan ik de lamp er nog uithalen zonder alles te annuleren', 'change-order'],
  ['valt die broek klein of normaal?', 'product-question'],
  ['kan ik een cadeaubon terugsturen als ik hem niet nodig heb', 'non-returnable-items'],
  ['twee afschrijvingen van duinwinkel op mijn rekening, maar 1x besteld', 'paid-twice'],
  ['hoe registreer ik, wil mijn bestellingen kunnen terugzien', 'create-account'],
  ['ik zoek een cadeau voor mijn vader, heb je tips?', 'rule:not-covered'],
  // Sent somewhere else instead of home is an address, not a wrong item.
  ['kan mijn pakket naar mijn werk gestuurd worden in plaats van naar huis?', 'change-delivery-address'],
  ['ze hebben een waterkoker gestuurd in plaats van een broodrooster', 'damaged-or-wrong-item'],
  ['ik wil die bestelling nog tegenhouden, vergist', 'cancel-order'],
  ['kutding', 'rule:abuse'],
  // A pattern's words in another meaning: the model, sure of another article, is heard (answer.ts PATTERN_DOUBT).
  ['twee betalingen geprobeerd, allebei mislukt. moet ik opnieuw bestellen?', 'payment-failed'],
  ['mijn retour heb ik met dhl gestuurd ipv een postnl punt, wanneer krijg ik mijn geld', 'refund-status'],
  ['sponsoren jullie ook sportclubs?', 'rule:not-covered'],
  ['ik heb een qr code gekregen, wat moet ik daar nu mee doen', 'return-item'],
  // Ordered or shipped, and when it comes: tracking; a return sent and when the money comes: the refund.
  ['ik kreeg een mail dat het verzonden is, wanneer komt het', 'track-parcel'],
  ['wanneer komt mn pakket nou', 'track-parcel'],
  ['retour verzonden, wanneer komt mijn geld', 'refund-status'],
];

const english: Row[] = [
  ["where's my parcel", 'track-parcel'],
  ['my order still hasnt arrived', 'track-parcel'],
  ['tracking link doesnt work', 'track-parcel'],
  ['it says delivered but i never got it', 'parcel-not-received'],
  ['how do i send something back', 'return-item'],
  ['how many days do i have to return stuff', 'return-period'],
  ['do i have to pay for returns', 'return-costs'],
  ['when do i get my money back', 'refund-status'],
  ['can i swap for a different size', 'exchange-item'],
  ['item arrived broken', 'damaged-or-wrong-item'],
  ['you sent me the wrong thing', 'damaged-or-wrong-item'],
  ['can i return opened earbuds', 'non-returnable-items'],
  ['how much is shipping', 'shipping-costs'],
  ['do you deliver on sundays', 'delivery-times'],
  ['i put the wrong address', 'change-delivery-address'],
  ['can i pick up my parcel at a dhl point', 'pickup-point'],
  ['do you ship to belgium', 'delivery-belgium'],
  ['how is a sofa delivered', 'large-item-delivery'],
  ['i want to cancel my order', 'cancel-order'],
  ['can i add something to my order', 'change-order'],
  ['didnt get an order confirmation email', 'order-confirmation-missing'],
  ['when will this be back in stock', 'out-of-stock'],
  ['can i order without making an account', 'guest-order'],
  ['i need a vat invoice for my company', 'business-order'],
  ['where do i download my invoice', 'invoice'],
  ['what payment methods do you accept', 'payment-methods'],
  ['can i pay later with klarna', 'pay-later'],
  ['my payment failed', 'payment-failed'],
  ['i got charged twice', 'paid-twice'],
  ['got a payment reminder but i already paid', 'payment-reminder'],
  ['forgot my password', 'reset-password'],
  ['cant log in', 'reset-password'],
  ['how do i make an account', 'create-account'],
  ['delete my account please', 'delete-account'],
  ['change my email address', 'change-email'],
  ['stop sending me newsletters', 'newsletter-unsubscribe'],
  ['got a weird text asking me to pay', 'phishing'],
  ['what data do you have on me', 'privacy-data'],
  ['how do i turn on 2fa', 'two-step-verification'],
  ['does my blender have warranty', 'warranty'],
  ['my vacuum stopped working can you fix it', 'repair'],
  ['lost the manual', 'manuals'],
  ['buy a gift card', 'buy-gift-card'],
  ['how do i use my gift card', 'redeem-gift-card'],
  ['check gift card balance', 'gift-card-balance'],
  ['promo code not working', 'discount-code'],
  ['is my kettle being recalled', 'product-recall'],
  ['i have a question about a product', 'product-question'],
  ['hi, my order still hasnt come', 'track-parcel'],
  ['hi', 'rule:greeting'],
  ['can i talk to a real person', 'rule:handoff'],
  ['hi, where is my order', 'track-parcel'],
  ['thanks!', 'rule:thanks'],
  ['bye', 'rule:goodbye'],
  ['this is fucking useless', 'rule:abuse'],
  ["you're a useless scam company, screw you", 'rule:abuse'],
  ['scam text message', 'phishing'],
  // An order number is no topic the articles lack.
  ["where's my order 40099812", 'track-parcel'],
  ['are you hiring for christmas? looking for a part time job', 'rule:not-covered'],
  ['is this blender jug dishwasher safe? cant find it in the specs', 'product-question'],
  ['ok thats all, have a good weekend', 'rule:goodbye'],
  ['what is your function, you can answer what?', 'rule:help'],
  ['what can this chat do', 'rule:help'],
  ["does this monitor have a USB-C port? can't find it in the description", 'product-question'],
  ["What's the exchange rate from euros to pounds today?", 'rule:not-covered'],
  ['put my gift card code in the discount code box and nothing happens', 'redeem-gift-card'],
  ['got a totally different item than what I ordered??', 'damaged-or-wrong-item'],
  ['my order is incomplete', 'damaged-or-wrong-item'],
  ['something is missing from my package', 'damaged-or-wrong-item'],
  // Being called in a story is no request to be called.
  ["My dad got a WhatsApp from 'Duinwinkel' asking for his bank PIN. Luckily he called me first. What should we do?", 'phishing'],
  ['can someone call me back please', 'rule:handoff'],
  ['do you have an android app? ordering on the site is fiddly on my phone', 'rule:not-covered'],
  ["What's the weather going to be like in The Hague tomorrow?", 'rule:not-covered'],
  ['My iPhone is four years old. Can I trade it in with you for a discount on a new one?', 'rule:not-covered'],
  ['I ordered as a guest last week, can I create an account now?', 'guest-order'],
  ['is the rain jacket actually waterproof?', 'product-question'],
  ['how do I make my account more secure so a password alone is not enough', 'two-step-verification'],
  ['could you wrap it as a present, it is for my sister', 'rule:not-covered'],
  ['why is there so much plastic in every box you send', 'rule:not-covered'],
  ['could I just pick it up at your warehouse tomorrow? I live around the corner', 'rule:not-covered'],
  ['so what can you actually help me with', 'rule:help'],
  ['the wardrobe is delivered tomorrow, will I get an sms with the time tonight?', 'large-item-delivery'],
  // Whether a product has, fits or works with something: the product-question article, whatever the product's words.
  ['does this router have a usb port?', 'product-question'],
  ['does this car seat fit a Golf from 2012', 'product-question'],
  ['the dishwasher comes tomorrow, what time will they be here?', 'large-item-delivery'],
  // The address on the invoice is the invoice, not where the parcel goes.
  ['my invoice shows the wrong address, can you correct it', 'invoice'],
  // A basket and shipping: what shipping costs, not how to order.
  ['my basket is 18 euros, do I pay shipping on that?', 'shipping-costs'],
  ['howya', 'rule:greeting'],
  ['right so, ta-ra', 'rule:goodbye'],
  // Swapping before it ships is changing the order; exchanging is after it arrived.
  ['picked the wrong colour two minutes ago, can I swap it before it ships', 'change-order'],
  // Gift wrapping is a service no article covers, not a gift card.
  ['could you gift wrap it please, it is a christmas present', 'rule:not-covered'],
  ['ordered the same toaster twice by mistake, can one go', 'cancel-order'],
  // "cancelling" here is the product's, not an order's.
  ['do these earbuds have noise cancelling', 'product-question'],
  ["ok that's all, have a good night", 'rule:goodbye'],
  ['Guten Tag!', 'rule:greeting'],
  ['you sent me a blue kettle instead of the red one', 'damaged-or-wrong-item'],
  ['could your guys mount it on the wall when they bring the tv', 'rule:not-covered'],
  ['is the dehumidifier quiet enough to sleep next to', 'product-question'],
  ["I'd pay more for shipping than for the cable itself, is there a minimum?", 'shipping-costs'],
  ['nobody is home during the day, can I collect it myself somewhere', 'pickup-point'],
  ['can I buy a vacuum with the gift card my gran gave me', 'redeem-gift-card'],
  ['with my gift card can i get a hoodie', 'redeem-gift-card'],
  ["that's all, have a nice sunday!", 'rule:goodbye'],
  ['can i pay after i receive it, like klarna?', 'pay-later'],
  ['I ordered a grey hoodie in M and got a green one in XL', 'damaged-or-wrong-item'],
  ['my aunt gave me a gift card, how do I use it online?', 'redeem-gift-card'],
  ['it says shipped, when does it come', 'track-parcel'],
  ['when does my order come', 'track-parcel'],
  ['I shipped my return last week, when will it be refunded?', 'refund-status'],
  ['the invoice is missing from my order email, where do I get it', 'invoice'],
  ['I accidentally have two accounts, can one go?', 'delete-account'],
  ['how do I become a supplier for you', 'rule:not-covered'],
  ['if i order now when does it come', 'delivery-times'],
  ['i cant get into my account', 'reset-password'],
  ['wrong item received', 'damaged-or-wrong-item'],
  ['can i pick it up somewhere', 'pickup-point'],
  ['I ordered the wrong thing by mistake, can I change it', 'change-order'],
];

/** What the customer gets: the rule, no match, the answered article, or (clarify) the offered ones. */
function outcome(locale: Locale, message: string, expected: string): string {
  const reply = answer(modelOf(locale), message);
  if (reply.action === 'rule') return `rule:${reply.ruleId}`;
  if (reply.action === 'nomatch') return 'nomatch';
  // "Did you mean…" with the right article among the buttons serves the customer too.
  if (reply.action === 'clarify') return reply.offered?.includes(expected) ? expected : `clarify:${reply.offered?.join(',')}`;
  return reply.articleId!;
}

describe.each([
  ['nl', dutch],
  ['en', english],
] as const)('the %s assistant on the demo content', (locale, rows) => {
  it('has enough rows to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('%s → %s', (message, expected) => {
    expect(outcome(locale, message, expected)).toBe(expected);
  });
});
