-- Rows for the tables revision 0003 added: routes tried with their circumstances, checklist, steps,
-- evidence with an attached file, links, and signals (on top of 0001.sql and 0002.sql). Fictional.

INSERT INTO routes (id, client_id, kind, title, help_question_id, life_domain, organisation, contact, reference,
                    wanted_effect, own_strength, network, paying_self, general_facility, legal_basis,
                    created_at, updated_at)
VALUES
  (1, 1, 'housing_urgency', 'Urgentie KANARIEPIET', 1, '', 'Gemeente Borne', 'mevrouw De Vries', 'URG-2026-7',
   'Een veilige woning', 'Zoekt al twee jaar', 'Familie heeft geen ruimte', 'Huur te hoog', '', 'Verordening',
   '2026-03-01 10:00:00.000000', '2026-05-01 10:00:00.000000'),
  (2, 1, 'objection', 'Bezwaar tegen de afwijzing', NULL, 'housing', 'Gemeente Borne', '', '',
   '', '', '', '', '', '', '2026-05-02 10:00:00.000000', '2026-05-02 10:00:00.000000'),
  (3, 3, 'wmo', 'Traplift', 2, '', 'Gemeente Almelo', '', '', '', '', '', '', '', '',
   '2026-03-12 09:00:00.000000', '2026-03-12 09:00:00.000000');

INSERT INTO route_circumstances (route_id, code) VALUES (2, 'committee');

INSERT INTO route_documents (route_id, code, collected_on)
VALUES (1, 'income_statement', '2026-03-02'), (1, 'brp_extract', '2026-03-03');

INSERT INTO route_steps (id, route_id, "on", kind, state, outcome, reason, note)
VALUES
  (1, 1, '2026-03-01', 'applied', 'done', NULL, '', 'Aanvraag via de website; KANARIEPIET'),
  (2, 1, '2026-04-20', 'decision', 'done', 'refused', 'Geen medische noodzaak', ''),
  (3, 2, '2026-04-20', 'decision', 'done', 'refused', 'Geen medische noodzaak', ''),
  (4, 2, '2026-05-02', 'objection', 'done', NULL, '', 'Bezwaarschrift aangetekend'),
  (5, 2, '2026-06-15', 'hearing', 'planned', NULL, '', ''),
  (6, 3, '2026-03-12', 'reported', 'done', NULL, '', '');

INSERT INTO route_evidence (id, route_id, "on", description)
VALUES (1, 1, '2026-02-15', 'Op 12 woningen gereageerd'), (2, 1, '2026-04-21', 'Brief met de afwijzing');

INSERT INTO attachments (id, evidence_id, file_name, media_type, size, sha256, data)
VALUES (1, 2, 'afwijzing.pdf', 'application/pdf', 28,
        'c47f829e6f02d6a9f8c710242a68d3d86cf2b95eeea71dfe32e391f7b222174f',
        X'255044462d312e34204b414e41524945504945542062696a6c616765');

INSERT INTO route_links (id, from_route_id, to_route_id, kind) VALUES (1, 2, 1, 'belongs_to');

INSERT INTO signals (id, client_id, route_id, "on", theme, organisation, municipality, description, shareable)
VALUES
  (1, 1, 1, '2026-04-21', 'no_provision', 'Gemeente Borne', 'Borne', 'Geen urgentie ondanks jaren zoeken', 1),
  (2, 3, NULL, '2026-03-20', 'waiting_list', '', 'Almelo', 'Wachtlijst voor de keukentafel', 0);
