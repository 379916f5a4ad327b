/** Sending a CSAT score from the e-mail link (`POST /api/csat`), and what the answer means for the customer. */

/** How sending a score ended: saved (new or replacing an earlier one), an unknown link, or a failure worth retrying. */
export type CsatOutcome = 'saved' | 'unknown' | 'failed';

/** Sends `score` for the ticket behind `token`; never rejects. */
export async function sendCsat(fetcher: typeof fetch, token: string, score: number, apiBase = '/api'): Promise<CsatOutcome> {
  try {
    const response = await fetcher(`${apiBase}/csat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, score }),
    });
    if (response.ok) return 'saved';
    // 404: no such token; 400 on the token: a link that was cut or changed.
    if (response.status === 404 || response.status === 400) return 'unknown';
    return 'failed';
  } catch {
    return 'failed';
  }
}
