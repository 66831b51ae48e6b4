-- PostgreSQL's JIT compiles a query whose estimated cost passes jit_above_cost. The working-days
-- function is estimated far above that whatever the data (generate_series and jsonb sets), so with
-- the default settings every call — one per resolved case, from the facts trigger — spent 0.7–1 s
-- compiling (measured on the million-case city). It does a few dozen rows of work: never JIT it.
-- (Request transactions turn JIT off too: server/db/with-tenant.ts.)
ALTER FUNCTION tp_working_days_between(uuid, date, date) SET jit = off;
--> statement-breakpoint
ALTER FUNCTION tp_refresh_case_facts(public.cases) SET jit = off;
