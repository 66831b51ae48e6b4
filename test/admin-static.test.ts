/**
 * The built admin app at /admin (server/app.ts): files with their types, index.html for client
 * routes, a year's cache for hashed assets and none for index.html, a strict CSP, no way out of
 * the directory, and a clear 404 when the app has not been built. Runs on a fake build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './helpers.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/admin/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('天平'.repeat(1000))});`;

let dist: string;
let t: TestApp;
let missing: TestApp;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'tianping-admin-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(path.join(dist, 'assets', 'index-abc123.css'), 'body{margin:0}');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(tmpdir(), 'tianping-secret.txt'), 'outside');
  t = await startTestApp({ ADMIN_DIST_DIR: dist });
  missing = await startTestApp({ ADMIN_DIST_DIR: path.join(dist, 'nope') });
});

afterAll(async () => {
  await t?.close();
  await missing?.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (app: TestApp, url: string, init: RequestInit = {}) => app.app.fetch(new Request(`http://127.0.0.1${url}`, init));

describe('/admin', () => {
  test('index.html at /admin and /admin/, never cached, with a strict CSP', async () => {
    for (const url of ['/admin', '/admin/']) {
      const res = await get(t, url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(INDEX);
    }
  });

  test('client routes get index.html (the app routes itself)', async () => {
    for (const url of ['/admin/tenants', '/admin/tenants/VGVuYW50OjE/show', '/admin/cases?filter=%7B%7D', '/admin/login']) {
      const res = await get(t, url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toBe(INDEX);
    }
  });

  test('hashed assets: their type and a year of cache; gzip when asked', async () => {
    const js = await get(t, '/admin/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe(SCRIPT);
    const css = await get(t, '/admin/assets/index-abc123.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const zipped = await get(t, '/admin/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(SCRIPT);
    const svg = await get(t, '/admin/favicon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache');
  });

  test('a revalidation with the ETag is a 304', async () => {
    const first = await get(t, '/admin/');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await get(t, '/admin/', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  test('a missing asset is a 404, not the app; nothing outside the directory is reachable', async () => {
    expect((await get(t, '/admin/assets/nope.js')).status).toBe(404);
    for (const url of ['/admin/..%2f..%2ftianping-secret.txt', '/admin/%2e%2e/%2e%2e/package.json', '/admin/..%5c..%5cpackage.json', '/admin/%00.js', '/admin/%E0%A4%A.js']) {
      const res = await get(t, url);
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('outside');
    }
  });

  test('only GET and HEAD', async () => {
    expect((await get(t, '/admin/', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get(t, '/admin/assets/index-abc123.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength(SCRIPT)));
  });

  test('not built: a 404 that says how to build it; the rest of the server is unaffected', async () => {
    const res = await get(missing, '/admin/');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: string; hint: string };
    expect(body.error).toMatch(/not built/);
    expect(body.hint).toContain('npm run build:admin');
    expect((await get(missing, '/healthz')).status).toBe(200);
    expect((await get(missing, '/administrator')).status).toBe(404);
  });
});
