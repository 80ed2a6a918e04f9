-- Data for a database at schema revision 0001 (the foundation, before the audit log).
-- Every table of that revision has rows; the names and notes are fictional. The word
-- KANARIEPIET is a canary: no file the app writes may hold it readable once encrypted.
-- Statements are split with sqlite3.complete_statement, so keep each one complete on its own.

INSERT INTO clients (id, name, alias, phone, email, address, municipality, first_contact, status, closed_on,
                     close_reason, created_at, updated_at)
VALUES
  (1, 'Noor KANARIEPIET Verzonnen', '', '06-12345678', 'noor@example.org', 'Dorpsstraat 1', 'Borne',
   '2026-01-05', 'open', NULL, '', '2026-01-05 09:00:00.000000', '2026-01-05 09:00:00.000000'),
  (2, 'Bram Bedacht', 'Bram', '', '', '', 'Hengelo', NULL, 'closed', '2026-06-30', 'Hulpvraag beantwoord',
   '2026-02-01 10:15:00.000000', '2026-06-30 16:00:00.000000'),
  (3, 'Éva Öztürk-Fictief', '', '', '', 'Marktplein 3', 'Almelo', '2026-03-10', 'open', NULL, '',
   '2026-03-10 11:00:00.000000', '2026-03-10 11:00:00.000000');

INSERT INTO client_life_domains (client_id, code)
VALUES (1, 'finances'), (1, 'housing'), (2, 'work_education'), (3, 'physical_health');

INSERT INTO consents (id, client_id, given_on, may_record, share_with, valid_until, withdrawn_on, recorded_at)
VALUES
  (1, 1, '2026-01-05', 'gespreksnotities', 'woningcorporatie', '2027-01-05', NULL, '2026-01-05 09:05:00.000000'),
  (2, 3, '2026-03-10', 'gespreksnotities', '', NULL, NULL, '2026-03-10 11:05:00.000000');

INSERT INTO help_questions (id, client_id, recorded_on, asked, really_wants)
VALUES
  (1, 1, '2026-01-05', 'Hulp bij een huurachterstand', 'Rust over de vaste lasten'),
  (2, 3, '2026-03-10', 'Aanvraag Wmo-voorziening', '');

INSERT INTO network_members (id, client_id, position, name, role, phone)
VALUES
  (1, 1, 0, 'Kees Buurman', 'buurman', '06-87654321'),
  (2, 1, 1, 'Wijkteam Borne', 'wijkteam', ''),
  (3, 2, 0, 'Sanne Zus', 'zus', '');

INSERT INTO conversations (id, client_id, held_on, start_time, duration_minutes, kind, medium, contact_made,
                           participants, notes, created_at, updated_at)
VALUES
  (1, 1, '2026-01-05', '09:00:00.000000', 60, 'first_meeting', 'home_visit', 1, 'inwoner',
   'Eerste gesprek over de huurachterstand; KANARIEPIET wil een betalingsregeling.',
   '2026-01-05 10:00:00.000000', '2026-01-05 10:00:00.000000'),
  (2, 1, '2026-01-19', NULL, NULL, 'other', 'phone', 0, '', 'Niet bereikt, voicemail ingesproken.',
   '2026-01-19 14:00:00.000000', '2026-01-19 14:00:00.000000'),
  (3, 2, '2026-02-01', '10:15:00.000000', 45, 'first_meeting', 'in_person', 1, 'inwoner, zus',
   'Gesprek over werk en re-integratie. Één afspraak gemaakt.',
   '2026-02-01 11:00:00.000000', '2026-02-01 11:00:00.000000'),
  (4, 3, '2026-03-10', '11:00:00.000000', 30, 'first_meeting', 'home_visit', 1, 'inwoner',
   'Wmo-aanvraag besproken; café-bezoek als ontspanning.',
   '2026-03-10 12:00:00.000000', '2026-03-10 12:00:00.000000');

INSERT INTO conversation_life_domains (conversation_id, code)
VALUES (1, 'finances'), (1, 'housing'), (3, 'work_education'), (4, 'physical_health');

INSERT INTO agreements (id, client_id, conversation_id, description, who, due_on, done_on, created_on)
VALUES
  (1, 1, 1, 'Brieven van de corporatie meenemen', 'Inwoner', '2026-01-19', NULL, '2026-01-05'),
  (2, 1, 1, 'Betalingsregeling voorstellen aan KANARIEPIET-corporatie', 'Ondersteuner', '2026-02-01',
   '2026-01-28', '2026-01-05'),
  (3, 2, NULL, 'Cv bijwerken', 'Inwoner', NULL, NULL, '2026-02-01');

INSERT INTO drafts (id, client_id, conversation_id, payload, saved_at)
VALUES
  (1, 1, 2, '{"client_id": 1, "held_on": "2026-01-19", "kind": "other", "medium": "phone", "start_time": null, "duration_minutes": null, "contact_made": false, "participants": "", "life_domains": [], "notes": "Concept KANARIEPIET"}',
   '2026-01-19 14:05:00.000000');
