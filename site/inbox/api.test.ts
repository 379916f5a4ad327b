/**
 * The inbox's run-time lists are written out for the browser (it imports
 * only types from the API); here they are held to the API's own.
 */
import { describe, expect, it } from 'vitest';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../api/db/tables.ts';
import { QUEUE_SORTS as API_QUEUE_SORTS } from '../../api/tickets/schema.ts';
import { PRIORITIES, QUEUE_SORTS, STATUSES } from './api.ts';

describe("the inbox's lists match the API's", () => {
  it('statuses, priorities and queue orders, in the same order', () => {
    expect(STATUSES).toEqual(TICKET_STATUSES);
    expect(PRIORITIES).toEqual(TICKET_PRIORITIES);
    expect(QUEUE_SORTS).toEqual(API_QUEUE_SORTS);
  });
});
