-- Rows for the table revision 0002 added: the audit log (on top of 0001.sql). The hashes form a
-- valid chain; entries name a resident by id only.

INSERT INTO audit_log (id, at, action, client_id, user, detail, previous_hash, hash)
VALUES
  (1, '2026-07-01 09:30:00.000000', 'backup', NULL, 'supporter', 'handmatig',
   '0000000000000000000000000000000000000000000000000000000000000000',
   '85278891ea44d5156289939eb7dc44e9585a34c40f3660a5b753fccfebea75b0'),
  (2, '2026-07-02 14:00:00.000000', 'export', 1, 'supporter', 'csv',
   '85278891ea44d5156289939eb7dc44e9585a34c40f3660a5b753fccfebea75b0',
   '73b4ecd1ad9adf96a89eec69675b51b7b033086072f3d19027987e18a9ef3036');
