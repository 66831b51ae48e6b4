-- Row-level security, grants and the public views for the calendar, the service catalogue,
-- commitments and the phrase library (see the security migration for the conventions).

CREATE OR REPLACE FUNCTION tp_root_tenant() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT t.id FROM public.tenants t WHERE t.parent_id IS NULL $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION tp_root_tenant() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION tp_root_tenant() TO tianping_app;
--> statement-breakpoint

-- Holiday arrangements: reference data everyone reads; only the root tenant writes.
ALTER TABLE holiday_years ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE holiday_years FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY holiday_years_select ON holiday_years FOR SELECT TO tianping_app USING (true);
--> statement-breakpoint
CREATE POLICY holiday_years_insert ON holiday_years FOR INSERT TO tianping_app
  WITH CHECK (tp_viewer_tenant() = tp_root_tenant());
--> statement-breakpoint
CREATE POLICY holiday_years_update ON holiday_years FOR UPDATE TO tianping_app
  USING (tp_viewer_tenant() = tp_root_tenant()) WITH CHECK (tp_viewer_tenant() = tp_root_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON holiday_years TO tianping_app;
--> statement-breakpoint

-- Local closures: a tenant's own; visible along the tree like the tenant itself.
ALTER TABLE tenant_closures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_closures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_closures_select ON tenant_closures FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_visible_tenants()));
--> statement-breakpoint
CREATE POLICY tenant_closures_insert ON tenant_closures FOR INSERT TO tianping_app
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY tenant_closures_delete ON tenant_closures FOR DELETE TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON tenant_closures TO tianping_app;
--> statement-breakpoint

-- Service items: the subtree's in every state; ancestors' (templates, their catalogue) once published.
ALTER TABLE service_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE service_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY service_items_select ON service_items FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree()) OR (status = 'PUBLISHED' AND tenant_id IN (SELECT tp_visible_tenants())));
--> statement-breakpoint
CREATE POLICY service_items_insert ON service_items FOR INSERT TO tianping_app
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY service_items_update ON service_items FOR UPDATE TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree())) WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON service_items TO tianping_app;
--> statement-breakpoint

-- Published versions: insert-only; a published version never changes.
ALTER TABLE service_item_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE service_item_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY service_item_versions_select ON service_item_versions FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_visible_tenants()));
--> statement-breakpoint
CREATE POLICY service_item_versions_insert ON service_item_versions FOR INSERT TO tianping_app
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT ON service_item_versions TO tianping_app;
--> statement-breakpoint

ALTER TABLE commitments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE commitments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY commitments_select ON commitments FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree()) OR (published AND tenant_id IN (SELECT tp_visible_tenants())));
--> statement-breakpoint
CREATE POLICY commitments_insert ON commitments FOR INSERT TO tianping_app
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY commitments_update ON commitments FOR UPDATE TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree())) WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON commitments TO tianping_app;
--> statement-breakpoint

-- Phrases: a tenant's own, its ancestors' (which apply to it) and its subtree's.
ALTER TABLE phrases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE phrases FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY phrases_select ON phrases FOR SELECT TO tianping_app
  USING (tenant_id IN (SELECT tp_visible_tenants()));
--> statement-breakpoint
CREATE POLICY phrases_insert ON phrases FOR INSERT TO tianping_app
  WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
CREATE POLICY phrases_update ON phrases FOR UPDATE TO tianping_app
  USING (tenant_id IN (SELECT tp_subtree())) WITH CHECK (tenant_id IN (SELECT tp_subtree()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON phrases TO tianping_app;
--> statement-breakpoint

-- The public part (Art. 17), for anonymous visitors: owner-defined views that expose only what is
-- published, of active tenants, and no personal data. They run with the owner's rights, so they
-- are the one way around the policies above, and they say exactly what passes.
CREATE VIEW public_tenants WITH (security_barrier = true) AS
  SELECT t.id, t.parent_id, t.kind, t.slug, t.name, t.name_en, t.division_code, t.address, t.phone,
         t.office_hours, t.statutory_duties, t.introduction, t.depth, t.updated_at
  FROM tenants t
  WHERE t.status = 'ACTIVE';
--> statement-breakpoint
CREATE VIEW public_service_items WITH (security_barrier = true) AS
  SELECT i.id, i.tenant_id, i.sort_order, v.version_no, v.content, v.published_at
  FROM service_items i
  JOIN tenants t ON t.id = i.tenant_id AND t.status = 'ACTIVE'
  JOIN service_item_versions v ON v.item_id = i.id AND v.version_no = i.published_version
  WHERE i.status = 'PUBLISHED' AND NOT i.is_template;
--> statement-breakpoint
CREATE VIEW public_commitments WITH (security_barrier = true) AS
  SELECT c.id, c.tenant_id, c.kind, c.title, c.body, c.sort_order, c.metric, c.target, c.updated_at
  FROM commitments c
  JOIN tenants t ON t.id = c.tenant_id AND t.status = 'ACTIVE'
  WHERE c.published;
--> statement-breakpoint
GRANT SELECT ON public_tenants, public_service_items, public_commitments TO tianping_app;
--> statement-breakpoint
ALTER TABLE platform_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE platform_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY platform_settings_select ON platform_settings FOR SELECT TO tianping_app USING (true);
--> statement-breakpoint
CREATE POLICY platform_settings_insert ON platform_settings FOR INSERT TO tianping_app
  WITH CHECK (tp_viewer_tenant() = tp_root_tenant());
--> statement-breakpoint
CREATE POLICY platform_settings_update ON platform_settings FOR UPDATE TO tianping_app
  USING (tp_viewer_tenant() = tp_root_tenant()) WITH CHECK (tp_viewer_tenant() = tp_root_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON platform_settings TO tianping_app;
