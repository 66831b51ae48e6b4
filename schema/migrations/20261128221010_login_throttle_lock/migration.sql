-- Sign-in throttling must count parallel guesses: the username's throttle row is locked for the
-- rest of the request transaction (created if missing), so attempts on one username take turns,
-- and the new state is written in that same transaction, which is committed even when the
-- sign-in is refused.
CREATE OR REPLACE FUNCTION tp_login_throttle_lock(p_username_key text)
  RETURNS TABLE (failures integer, window_started_at timestamptz, locked_until timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    INSERT INTO public.login_throttle (username_key, failures) VALUES (p_username_key, 0)
      ON CONFLICT (username_key) DO NOTHING;
    RETURN QUERY
      SELECT lt.failures, lt.window_started_at, lt.locked_until
      FROM public.login_throttle lt WHERE lt.username_key = p_username_key
      FOR UPDATE;
  END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tp_login_throttle_set(
  p_username_key text, p_failures integer, p_window_started_at timestamptz, p_locked_until timestamptz
) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    UPDATE public.login_throttle
      SET failures = p_failures, window_started_at = p_window_started_at, locked_until = p_locked_until
      WHERE username_key = p_username_key;
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_login_throttle_lock(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_login_throttle_set(text, integer, timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_login_throttle_lock(text), tp_login_throttle_set(text, integer, timestamptz, timestamptz) TO tianping_app;
