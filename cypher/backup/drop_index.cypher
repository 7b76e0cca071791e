DROP INDEX restore_eid IF EXISTS;
