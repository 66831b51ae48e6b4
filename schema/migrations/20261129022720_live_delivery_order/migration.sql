-- Live delivery reads alerts and notifications "after a cursor" (their sequence number). That is
-- only gap-free if numbers become visible in the order they are handed out: otherwise a reader
-- could pass number 11 while number 10's transaction is still open, and 10 would be skipped.
-- So each row is (re)numbered at COMMIT, by a deferred trigger, under a transaction-scoped
-- advisory lock that is held until the commit completes: a reader that sees N also sees every
-- number below N that will ever exist (a rolled-back writer leaves a hole, never a late arrival).
-- Numbering at commit, not at insert, matters: a writer then holds the lock only while every
-- other lock it needs is already held, so two writers can never wait on each other (taken at
-- insert, a transfer's notice and a concurrent decision on the same case deadlocked).
-- The number taken at insert is provisional and never seen outside the writing transaction.
CREATE OR REPLACE FUNCTION tp_number_in_commit_order() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    final bigint;
  BEGIN
    -- One lock per stream (TG_ARGV[0]); TG_ARGV[1] is the channel that wakes readers.
    PERFORM pg_advisory_xact_lock(TG_ARGV[0]::bigint);
    EXECUTE format('UPDATE public.%I SET seq = DEFAULT WHERE seq = $1 RETURNING seq', TG_TABLE_NAME) INTO final USING NEW.seq;
    -- Delivered to listeners only if (and when) this transaction commits; they read the rows.
    PERFORM pg_notify(TG_ARGV[1], final::text);
    RETURN NULL;
  END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_number_in_commit_order() FROM PUBLIC;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER incident_alerts_number AFTER INSERT ON incident_alerts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tp_number_in_commit_order('7262001', 'tianping_alerts');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER notifications_number AFTER INSERT ON notifications
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tp_number_in_commit_order('7262002', 'tianping_notifications');
--> statement-breakpoint
-- Alerts stay append-only; the one change allowed is the commit-time numbering above (an update
-- made from inside that trigger, changing nothing but the number).
CREATE OR REPLACE FUNCTION tp_refuse_alert_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND (to_jsonb(NEW) - 'seq') = (to_jsonb(OLD) - 'seq') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'incident alerts are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END $$;
--> statement-breakpoint
DROP TRIGGER incident_alerts_no_update_delete ON incident_alerts;
--> statement-breakpoint
CREATE TRIGGER incident_alerts_no_update_delete BEFORE UPDATE OR DELETE ON incident_alerts
  FOR EACH ROW EXECUTE FUNCTION tp_refuse_alert_change();
