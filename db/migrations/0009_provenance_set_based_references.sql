-- A sync run writes about six provenance rows per record, and a foreign key checks each row with
-- a query of its own: two keys, twelve queries per record, a quarter of a 20,000-record run on
-- PGlite (npm run bench:sync). The same references are checked here once per statement, with one
-- join over the statement's rows (transition tables), and refused with the foreign key's SQLSTATE.
ALTER TABLE "client_field_provenance" DROP CONSTRAINT "client_field_provenance_practice_id_client_id_clients_practice_id_id_fk";--> statement-breakpoint
ALTER TABLE "client_field_provenance" DROP CONSTRAINT "client_field_provenance_sync_run_id_fk";--> statement-breakpoint
-- hand-written:
CREATE FUNCTION "public"."client_field_provenance_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM written_rows w
    WHERE NOT EXISTS (SELECT 1 FROM "public"."clients" c WHERE c.practice_id = w.practice_id AND c.id = w.client_id)
  ) THEN
    RAISE EXCEPTION 'client_field_provenance: a row names a client that is not in its practice'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (
    SELECT 1 FROM written_rows w
    WHERE w.sync_run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "public"."sync_runs" r WHERE r.id = w.sync_run_id)
  ) THEN
    RAISE EXCEPTION 'client_field_provenance: a row names a sync run that does not exist'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Transition tables allow one event per trigger: one for inserts, one for updates (an upsert's
-- conflicting rows arrive as updates).
CREATE TRIGGER "client_field_provenance_references_on_insert" AFTER INSERT ON "public"."client_field_provenance"
  REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION "public"."client_field_provenance_check_references"();
--> statement-breakpoint
CREATE TRIGGER "client_field_provenance_references_on_update" AFTER UPDATE ON "public"."client_field_provenance"
  REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION "public"."client_field_provenance_check_references"();
--> statement-breakpoint
-- What the foreign keys did on the other side: a deleted client takes its provenance with it
-- (ON DELETE CASCADE); a sync run that provenance names cannot be deleted (NO ACTION).
CREATE FUNCTION "public"."clients_delete_provenance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "public"."client_field_provenance" p USING deleted_rows d WHERE p.practice_id = d.practice_id AND p.client_id = d.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "clients_delete_provenance" AFTER DELETE ON "public"."clients"
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION "public"."clients_delete_provenance"();
--> statement-breakpoint
CREATE FUNCTION "public"."sync_runs_keep_provenance_runs"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "public"."client_field_provenance" p JOIN deleted_rows d ON p.sync_run_id = d.id) THEN
    RAISE EXCEPTION 'sync_runs: a deleted run is still named by client_field_provenance'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "sync_runs_keep_provenance_runs" AFTER DELETE ON "public"."sync_runs"
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION "public"."sync_runs_keep_provenance_runs"();
