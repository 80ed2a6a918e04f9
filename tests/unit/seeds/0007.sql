-- Rows for the tables revision 0007 added: a request under the AVG and a dated note of the dossier;
-- and more of resident 1's preparation left off the sheet, each record by its number as 0007 kept it
-- (a route, a reason of its reversed test, a step, an effort and a question), so 0008 has keys to
-- rewrite by UUID (on top of 0001.sql to 0006.sql). Fictional.

INSERT INTO rights_requests (id, client_id, kind, received_on, extended_until, extension_reason, answered_on,
                             note, recorded_at)
VALUES (1, 1, 'access', '2026-07-01', NULL, '', '2026-07-20', 'Kopie meegegeven KANARIEPIET',
        '2026-07-01 10:00:00.000000');

INSERT INTO dossier_notes (id, client_id, kind, "on", text, recorded_at)
VALUES (1, 1, 'statement', '2026-07-02', 'Ik ben het niet eens met het verslag KANARIEPIET',
        '2026-07-02 10:00:00.000000');

INSERT INTO preparation_hidden (preparation_id, key)
VALUES (1, 'route:1'), (1, 'test:2:network'), (1, 'step:4'), (1, 'evidence:2'), (1, 'question:1');
