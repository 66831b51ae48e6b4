-- Sign-in runs inside the request's tenant transaction as tianping_app with no viewer yet. It must
-- find one account by username across every tenant, which the policies rightly forbid; these two
-- SECURITY DEFINER functions are the only doors, and each does one narrow thing.

-- Exactly one row: the account (or nulls) and the username's throttle state (or nulls).
CREATE OR REPLACE FUNCTION tp_login_lookup(p_username_key text)
  RETURNS TABLE (
    user_id uuid, tenant_id uuid, password_hash text, active boolean, token_version integer,
    tenant_status tenant_status, failures integer, window_started_at timestamptz, locked_until timestamptz
  )
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT u.id, u.tenant_id, u.password_hash, u.active, u.token_version, t.status,
           lt.failures, lt.window_started_at, lt.locked_until
    FROM (SELECT p_username_key AS k) q
    LEFT JOIN public.users u ON lower(u.username) = q.k
    LEFT JOIN public.tenants t ON t.id = u.tenant_id
    LEFT JOIN public.login_throttle lt ON lt.username_key = q.k
  $$;
--> statement-breakpoint
-- A successful sign-in clears the username's failures and stamps the account.
CREATE OR REPLACE FUNCTION tp_login_succeeded(p_user_id uuid, p_username_key text, p_at timestamptz)
  RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    DELETE FROM public.login_throttle WHERE username_key = p_username_key;
    UPDATE public.users SET last_login_at = p_at WHERE id = p_user_id;
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_login_lookup(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_login_succeeded(uuid, text, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_login_lookup(text), tp_login_succeeded(uuid, text, timestamptz) TO tianping_app;
