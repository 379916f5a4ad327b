-- The hand-off in one statement (api/tickets/handoff.ts, docs/decisions/026-handoff-in-one-statement.md).
--
-- wegwijs_pick_assignee: the round robin's pick of wegwijs_route_ticket (0015) on its own, so the hand-off's
-- statement can pick first and insert its ticket already assigned: the team's row locked, the available
-- member under their cap whose turn it is picked (their row locked, their cap counted again after the lock),
-- the turn moved on. Each statement of a PL/pgSQL function takes a fresh snapshot (READ COMMITTED), so what
-- is read after the lock is what the previous holder committed. The lock is held to the end of the caller's
-- transaction: for a hand-off, that is the end of its one statement, committed by the server at once.
-- Answers one row: the team's name and the member (null, null when nobody is available under their cap).
CREATE FUNCTION wegwijs_pick_assignee(p_team uuid, p_rule_id text, p_unresolved text[])
RETURNS TABLE (picked_team_name text, picked_agent_id uuid, picked_agent_name text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_team_name text;
  v_agent_id uuid;
  v_agent_name text;
  v_cap integer;
  v_open bigint;
  v_skipped uuid[] := '{}';
  v_turn bigint;
BEGIN
  -- The round robin's lock: whoever routes to this team next waits here until this transaction commits.
  SELECT t.name INTO v_team_name FROM teams t WHERE t.id = p_team FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Wegwijs: routing rule % names a team that does not exist', p_rule_id;
  END IF;
  LOOP
    -- The available, enabled member whose turn it is (given a ticket of this team longest ago, never first;
    -- ties by id), under their cap as far as this snapshot knows; their row locked.
    SELECT a.id, a.name, a.open_ticket_cap INTO v_agent_id, v_agent_name, v_cap
      FROM team_members m JOIN agents a ON a.id = m.agent_id
      WHERE m.team_id = p_team AND a.status = 'available' AND NOT a.disabled AND a.id <> ALL (v_skipped)
        AND (a.open_ticket_cap IS NULL
          OR (SELECT count(*) FROM tickets t WHERE t.assignee_id = a.id AND t.status = ANY (p_unresolved)) < a.open_ticket_cap)
      ORDER BY m.last_turn ASC NULLS FIRST, a.id
      LIMIT 1
      FOR UPDATE OF a;
    IF NOT FOUND THEN
      RETURN QUERY SELECT v_team_name, NULL::uuid, NULL::text;
      RETURN;
    END IF;
    EXIT WHEN v_cap IS NULL;
    -- Counted again now that their row is locked: routing through another team may have just given them one.
    SELECT count(*) INTO v_open FROM tickets t WHERE t.assignee_id = v_agent_id AND t.status = ANY (p_unresolved);
    EXIT WHEN v_open < v_cap;
    v_skipped := v_skipped || v_agent_id;
  END LOOP;
  UPDATE teams SET turn = turn + 1 WHERE id = p_team RETURNING turn INTO v_turn;
  UPDATE team_members SET last_turn = v_turn WHERE team_id = p_team AND agent_id = v_agent_id;
  RETURN QUERY SELECT v_team_name, v_agent_id, v_agent_name;
END;
$$;
--> statement-breakpoint
-- Routing a ticket that exists already (inbound mail, api/routing/handoff.ts routeHandoff): the same pick,
-- then the ticket given to them and the event naming the rule. Same signature and answer as in 0015.
CREATE OR REPLACE FUNCTION wegwijs_route_ticket(p_ticket uuid, p_team uuid, p_rule jsonb, p_unresolved text[])
RETURNS TABLE (routed_team_name text, routed_agent_id uuid, routed_agent_name text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_team_name text;
  v_agent_id uuid;
  v_agent_name text;
BEGIN
  SELECT p.picked_team_name, p.picked_agent_id, p.picked_agent_name INTO v_team_name, v_agent_id, v_agent_name
    FROM wegwijs_pick_assignee(p_team, p_rule ->> 'id', p_unresolved) p;
  IF v_agent_id IS NULL THEN
    -- Nobody available under their cap: the ticket waits in the team's part of the queue.
    UPDATE tickets SET team_id = p_team WHERE id = p_ticket;
    INSERT INTO ticket_events (ticket_id, type, actor, data)
      VALUES (p_ticket, 'routed', 'system', jsonb_build_object('rule', p_rule, 'team', jsonb_build_object('id', p_team, 'name', v_team_name), 'to', NULL));
  ELSE
    UPDATE tickets SET team_id = p_team, assignee_id = v_agent_id WHERE id = p_ticket;
    INSERT INTO ticket_events (ticket_id, type, actor, data)
      VALUES (p_ticket, 'assigned', 'system',
        jsonb_build_object('from', NULL, 'to', v_agent_id, 'rule', p_rule, 'team', jsonb_build_object('id', p_team, 'name', v_team_name)));
  END IF;
  RETURN QUERY SELECT v_team_name, v_agent_id, v_agent_name;
END;
$$;
--> statement-breakpoint
-- Refuses the statement it is called in, with SQLSTATE `p_state` and `p_message`: the hand-off's statement
-- runs outside a transaction block (it is its own transaction), so refusing it undoes all it did, as a
-- thrown error rolled back the hand-off's transaction before. The hand-off tells its cases apart by SQLSTATE.
CREATE FUNCTION wegwijs_refuse(p_state text, p_message text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_state, MESSAGE = p_message;
END;
$$;
