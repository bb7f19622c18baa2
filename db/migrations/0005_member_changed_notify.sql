-- The member cache (lib/dal/member-cache.ts) must forget a member as soon as their row or their
-- practice's row changes, whichever code path, instance or psql session changed it. These
-- triggers announce every such change on the "member_changed" channel; PostgreSQL delivers it
-- only once the change commits, to every instance listening (db/member-changes.ts).
-- Payloads: a user id, 'practice:' || a practice id, or '*' (a table was truncated).
CREATE FUNCTION "public"."notify_member_changed_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('member_changed', OLD.id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "public"."notify_member_changed_practice"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('member_changed', 'practice:' || OLD.id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "public"."notify_member_changed_all"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('member_changed', '*');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "users_member_changed" AFTER UPDATE OR DELETE ON "public"."users" FOR EACH ROW EXECUTE FUNCTION "public"."notify_member_changed_user"();
--> statement-breakpoint
CREATE TRIGGER "practices_member_changed" AFTER UPDATE OR DELETE ON "public"."practices" FOR EACH ROW EXECUTE FUNCTION "public"."notify_member_changed_practice"();
--> statement-breakpoint
CREATE TRIGGER "users_member_changed_truncate" AFTER TRUNCATE ON "public"."users" FOR EACH STATEMENT EXECUTE FUNCTION "public"."notify_member_changed_all"();
--> statement-breakpoint
CREATE TRIGGER "practices_member_changed_truncate" AFTER TRUNCATE ON "public"."practices" FOR EACH STATEMENT EXECUTE FUNCTION "public"."notify_member_changed_all"();
