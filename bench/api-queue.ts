/**
 * The agent queue at scale for `npm run bench:api` (PostgreSQL): 10,000
 * tickets with a transcript and a thread each, seeded with SQL into a
 * migrated database, and the requests the inbox makes of it.
 *
 * The tickets are spread as a working help desk's are: a tenth open and
 * unassigned, a tenth open and held by the admin, the rest pending, solved
 * or closed; Dutch and English; created over the last 90 days; 8 messages
 * each (6 transcript lines, a customer's message and an agent's reply),
 * written from a few dozen customer sentences with typos and an order
 * number, so words repeat as in real mail and a search for a common word
 * ("pakket") matches thousands of messages.
 */
import postgres from 'postgres';

/** Tickets seeded. */
export const QUEUE_TICKETS = 10_000;

/** Messages per ticket. */
const MESSAGES_PER_TICKET = 8;

/** The issue's target for the queue with search (issue 13). */
export const QUEUE_TARGET_P99_MS = 100;

/** The inbox's requests measured, as it sends them (site/inbox/api.ts). */
export const QUEUE_REQUESTS: readonly { what: string; query: string; search: boolean }[] = [
  { what: 'Unassigned tab, longest waiting first (the inbox on opening)', query: 'status=open&assignee=none&sort=waiting', search: false },
  { what: 'All tab, newest first', query: 'status=all&assignee=any&sort=newest', search: false },
  { what: 'All tab, search for a common word', query: 'status=all&assignee=any&sort=waiting&q=pakket', search: true },
  { what: 'All tab, search for a word in 1 of 20 customer lines', query: 'status=all&assignee=any&sort=waiting&q=kinderwagen', search: true },
  { what: 'All tab, search for part of an e-mail address', query: 'status=all&assignee=any&sort=waiting&q=klant4242', search: true },
  { what: 'All tab, search for an order number', query: 'status=all&assignee=any&sort=waiting&q=7001234', search: true },
];

/** What customers write; `{order}` becomes an order number. The less common word ("kinderwagen") is in one of them. */
const CUSTOMER_LINES = [
  'waar is mijn pakket, bestelling {order}',
  'mn pakket is nog steeds nie geleverd',
  'de track en trace code werkt niet voor {order}',
  'ik wil mijn bestelling {order} retourneren',
  'hoe kan ik iets terugsturen',
  'mijn cadeaubon wordt geweigerd bij het afrekenen',
  'kan ik het ergens anders laten bezorgen',
  'ik heb 2x betaald voor {order}',
  'de factuur klopt niet, er staat verzendkosten op',
  'mijn wachtwoord werkt niet meer',
  'ik wil mijn account verwijderen',
  'het pakket is beschadigd aangekomen',
  'where is my parcel, order {order}',
  'my package has not arrived yet',
  'I want to return my order {order}',
  'the payment failed but money is gone',
  'can I change my delivery address',
  'how do I reset my password',
  'de kinderwagen uit bestelling {order} mist een wiel',
  'allo, ik heb een vraag over mijn levering van {order}',
];

/** What the assistant answered. */
const ASSISTANT_LINES = [
  'Je volgt je pakket met de link in je verzendbevestiging.',
  'Bedoel je een van deze?',
  'Daar heb ik helaas geen antwoord op.',
  'Retourneren doe je binnen 30 dagen.',
];

/** What agents reply. */
const AGENT_LINES = [
  'Hoi, ik heb het voor je nagekeken: het komt morgen.',
  'Dank je wel, we sturen een nieuw retourlabel.',
  'Hi, your parcel is with the neighbours.',
  'We hebben het bedrag teruggestort.',
];

const literal = (lines: readonly string[]) => `array[${lines.map((line) => `'${line.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * Seeds {@link QUEUE_TICKETS} tickets with their messages into the migrated
 * database at `url`, a tenth held by the agent `adminEmail`, and analyses the
 * tables so the planner knows their size.
 */
export async function seedQueue(url: string, adminEmail: string): Promise<{ tickets: number; messages: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [admin] = await sql<{ id: string }[]>`select id from agents where email = ${adminEmail}`;
    if (!admin) throw new Error(`bench:api: no agent ${adminEmail} to hold tickets`);
    await sql.begin(async (tx) => {
      await tx.unsafe(`
        with conversation as (
          insert into conversations (token_hash) select md5('queue-' || n) from generate_series(1, ${QUEUE_TICKETS}) n returning id
        ), numbered as (
          select id, row_number() over () as n from conversation
        )
        insert into tickets (conversation_id, locale, subject, customer_email, customer_name, status, assignee_id, created_at, updated_at,
                             first_response_at, solved_at, last_message_at, waiting_since)
        select id,
               case when n % 4 = 0 then 'en' else 'nl' end,
               replace((${literal(CUSTOMER_LINES)})[1 + n % ${CUSTOMER_LINES.length}], '{order}', (7000000 + n)::text),
               'klant' || n || '@example.nl', 'Klant ' || n,
               status, case when n % 10 = 1 then '${admin.id}'::uuid end,
               created, created + interval '30 minutes',
               case when status = 'open' and n % 10 = 0 then null else created + interval '2 hours' end,
               case when status in ('solved', 'closed') then created + interval '1 day' end,
               created + interval '30 minutes',
               case when status = 'open' then created + interval '30 minutes' end
        from (
          select id, n,
                 case when n % 10 in (0, 1) then 'open' when n % 10 in (2, 3) then 'pending' when n % 10 < 8 then 'solved' else 'closed' end as status,
                 now() - (n * 777 % (90 * 24 * 60)) * interval '1 minute' as created
          from numbered
        ) spread`);
      await tx.unsafe(`
        insert into messages (conversation_id, ticket_id, author, body, transcript, created_at, sent_at)
        select t.conversation_id, t.id,
               case when k = ${MESSAGES_PER_TICKET} then 'agent' when k % 2 = 1 or k = ${MESSAGES_PER_TICKET - 1} then 'customer' else 'assistant' end,
               case when k = ${MESSAGES_PER_TICKET} then (${literal(AGENT_LINES)})[1 + (t.n + k) % ${AGENT_LINES.length}]
                    when k % 2 = 1 or k = ${MESSAGES_PER_TICKET - 1} then replace((${literal(CUSTOMER_LINES)})[1 + (t.n * 7 + k) % ${CUSTOMER_LINES.length}], '{order}', (7000000 + t.n * 3 + k)::text)
                    else (${literal(ASSISTANT_LINES)})[1 + (t.n + k) % ${ASSISTANT_LINES.length}] end,
               k <= 6, t.created_at + k * interval '1 minute', case when k <= 6 then t.created_at + k * interval '1 minute' end
        from (select id, conversation_id, created_at, row_number() over (order by created_at, id) as n from tickets) t, generate_series(1, ${MESSAGES_PER_TICKET}) k`);
    });
    await sql`analyze tickets`;
    await sql`analyze messages`;
    const [counts] = await sql<
      { tickets: number; messages: number }[]
    >`select (select count(*)::int from tickets) as tickets, (select count(*)::int from messages) as messages`;
    return counts ?? { tickets: 0, messages: 0 };
  } finally {
    await sql.end();
  }
}
