-- Revision 0004 added dates to route steps (no table): the sent and received days of the decision
-- letter, and the new date the objection's confirmation named (on top of 0001.sql to 0003.sql).

UPDATE route_steps SET sent_on = '2026-04-18', received_on = '2026-04-20' WHERE id = 2;

UPDATE route_steps SET new_due_on = '2026-06-30' WHERE id = 4;
