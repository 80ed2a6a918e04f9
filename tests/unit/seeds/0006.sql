-- Rows for the tables revision 0006 added: a meeting (the planned hearing of route 2 is the same
-- event) with who comes along and the routes it is about, and a preparation with answers, a
-- question and a choice to leave something off the sheet (on top of 0001.sql to 0005.sql). Fictional.

INSERT INTO meetings (id, client_id, "on", start_time, kind, place, organisation, consulent, step_id,
                      conversation_id, report_received_on, report_checked, created_at, updated_at)
VALUES (1, 1, '2026-06-15', '14:30:00.000000', 'hearing', 'Stadhuis KANARIEPIET', 'Gemeente Borne',
        'mevrouw De Vries', 5, NULL, NULL, 0, '2026-05-20 10:00:00.000000', '2026-05-20 10:00:00.000000');

INSERT INTO meeting_routes (meeting_id, route_id) VALUES (1, 2);

INSERT INTO meeting_companions (id, meeting_id, position, role, name)
VALUES (1, 1, 0, 'supporter', 'Kees KANARIEPIET'), (2, 1, 1, 'interpreter', '');

INSERT INTO preparations (id, client_id, meeting_id, updated_at) VALUES (1, 1, 1, '2026-06-01 10:00:00.000000');

INSERT INTO preparation_answers (preparation_id, code, text)
VALUES (1, 'goal_year', 'Een eigen huis KANARIEPIET'), (1, 'bad_day', 'Slapen op de bank bij mijn zus');

INSERT INTO preparation_questions (id, preparation_id, position, text)
VALUES (1, 1, 0, 'Wanneer hoor ik het besluit?');

INSERT INTO preparation_hidden (preparation_id, key) VALUES (1, 'answer:bad_day');
