-- Row-level security and narrow functions for intake, personal-data access and public self-service.

-- The access log (Art. 26): a user writes only their own reveals; the case's tenant subtree and the
-- revealing user's tenant subtree read them. Insert-only for every role.
ALTER TABLE case_access_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_access_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY case_access_log_select ON case_access_log FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree()) OR viewer_tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY case_access_log_insert ON case_access_log FOR INSERT TO tianping_app
  WITH CHECK (user_id = tp_viewer_user() AND viewer_tenant_id = tp_viewer_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT ON case_access_log TO tianping_app;
--> statement-breakpoint
CREATE TRIGGER case_access_log_no_update_delete BEFORE UPDATE OR DELETE ON case_access_log
  FOR EACH ROW EXECUTE FUNCTION tp_refuse_ledger_change();
--> statement-breakpoint
CREATE TRIGGER case_access_log_no_truncate BEFORE TRUNCATE ON case_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION tp_refuse_ledger_change();
--> statement-breakpoint

-- Case settings: readable by the tenant's subtree and ancestors, written by the subtree above.
ALTER TABLE tenant_case_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_case_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_case_settings_select ON tenant_case_settings FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_visible_tenants()));
--> statement-breakpoint
CREATE POLICY tenant_case_settings_write ON tenant_case_settings FOR ALL TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree())) WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON tenant_case_settings TO tianping_app;
--> statement-breakpoint

-- Anonymous counters: no grants and no policies for the application role; it reads its budget
-- through tp_rate_limit_used (inside read-only requests too) and the server counts the hit after the
-- request through tp_rate_limit_hit, whatever the request's fate. (Forced like every table; the
-- functions run as the migrating owner, as the sign-in functions do.)
ALTER TABLE rate_limit_hits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE rate_limit_hits FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_rate_limit_used(p_bucket text, p_window_seconds integer, p_now timestamptz)
  RETURNS integer
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT coalesce((SELECT hits FROM rate_limit_hits
      WHERE bucket = p_bucket AND window_start = to_timestamp(floor(extract(epoch FROM p_now) / p_window_seconds) * p_window_seconds)), 0)
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_rate_limit_used(text, integer, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_rate_limit_used(text, integer, timestamptz) TO tianping_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_rate_limit_hit(p_bucket text, p_window_seconds integer, p_max integer, p_now timestamptz)
  RETURNS boolean
  LANGUAGE plpgsql
  SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_window timestamptz := to_timestamp(floor(extract(epoch FROM p_now) / p_window_seconds) * p_window_seconds);
    v_hits integer;
  BEGIN
    DELETE FROM rate_limit_hits WHERE bucket = p_bucket AND window_start < v_window;
    INSERT INTO rate_limit_hits AS r (bucket, window_start, hits) VALUES (p_bucket, v_window, 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = r.hits + 1
      RETURNING hits INTO v_hits;
    RETURN v_hits <= p_max;
  END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_rate_limit_hit(text, integer, integer, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_rate_limit_hit(text, integer, integer, timestamptz) TO tianping_app;
--> statement-breakpoint

-- Public tracking: the one way an anonymous visitor reaches a case. Given the code it returns the
-- case id, its handler tenant and the secret's hash; the caller compares the secret before it acts
-- for the handler tenant. Nothing else of the case leaves this function.
CREATE OR REPLACE FUNCTION tp_case_for_tracking(p_code text)
  RETURNS TABLE (case_id uuid, handler_tenant_id uuid, secret_hash text)
  LANGUAGE sql
  STABLE
  SECURITY DEFINER
  SET search_path = public, pg_temp
  AS $$
    SELECT c.id, c.handler_tenant_id, c.tracking_secret_hash FROM cases c WHERE c.tracking_code = p_code
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_case_for_tracking(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_case_for_tracking(text) TO tianping_app;
