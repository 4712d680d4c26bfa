// The dashboard in a real browser: headless Chromium from the OS packages (/usr/bin/chromium,
// scripts/setup-system.sh) driven by playwright-core, against a collector seeded with 2,000
// devices and 1,000,000 events, on SQLite and on PostgreSQL. Signs in, visits every page,
// filters, sorts, pages, drills down into a device, downloads a CSV, signs out; no console
// errors, no request leaves the origin. Screenshots go to docs/img/ with
// MCP_WARDEN_UPDATE_SCREENSHOTS=1 (SQLite run), else to a temp folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { dbTargets } from '../collector/db-targets';
import { ADMIN, startCollector, type Running } from '../collector/harness';
import { cleanupTmp, tmpDir } from '../../helpers/tmp';
import { PAGE_URLS, req } from './client';
import { seed } from './seed';

const CHROMIUM = process.env.MCP_WARDEN_CHROMIUM ?? '/usr/bin/chromium';
const IMG = path.resolve(__dirname, '..', '..', '..', 'docs', 'img');
const SEED_TIMEOUT_MS = 240_000;

for (const target of dbTargets()) {
  describe(`dashboard in Chromium (${target.name})`, () => {
    let running: Running;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const consoleErrors: string[] = [];
    const offOrigin: string[] = [];
    const shots = target.name === 'sqlite' && process.env.MCP_WARDEN_UPDATE_SCREENSHOTS === '1' ? IMG : tmpDir('mcpw-shots-');

    beforeAll(async () => {
      if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup-system.sh (Debian package chromium)`);
      const url = await target.create();
      const s = await seed(url);
      process.stderr.write(
        `dashboard browser test (${target.name}): seeded ${s.devices} devices, ${s.events} events, ${s.findings} findings in ${(s.ms / 1000).toFixed(1)} s (${(s.cpuMs / 1000).toFixed(1)} s CPU here)\n`,
      );
      running = await startCollector(url);
      // Chromium must not reach the test session's D-Bus: its password store talks to the
      // Secret Service the keychain tests share, and once took the keyring daemon down.
      const env = { ...process.env };
      delete env.DBUS_SESSION_BUS_ADDRESS;
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--password-store=basic'], env });
      context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      // Anything not for the collector's origin is refused and recorded.
      await context.route('**/*', (route) => {
        const u = route.request().url();
        if (u.startsWith(`${running.url}/`)) return route.continue();
        offOrigin.push(u);
        return route.abort();
      });
      page = await context.newPage();
      page.on('console', (m) => {
        // A signed-out page is a 401 on purpose; Chromium logs every 4xx document as an error.
        if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) consoleErrors.push(`${m.location().url}: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      page.on('dialog', (d) => {
        consoleErrors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
    }, SEED_TIMEOUT_MS);

    afterAll(async () => {
      await browser?.close();
      await running?.stop();
      await target.dropAll();
      cleanupTmp();
    });

    const shot = (name: string) => page.screenshot({ path: path.join(shots, `dashboard-${name}.png`) });
    const go = async (p: string) => {
      await page.goto(`${running.url}${p}`);
    };

    it('answers unauthenticated requests with the sign-in page or 401, and no data', async () => {
      for (const [, p] of PAGE_URLS) {
        const r = await req(`${running.url}${p}`);
        expect(r.status).toBe(401);
        // The only echo of the request is the hidden "next" field (where to go after sign-in).
        expect(r.text.replace(/name="next" value="[^"]*"/, '')).not.toMatch(/dev-000|gh-unofficial|acme|corp\.example/);
        if (p.includes('format=csv')) expect(r.headers['content-type']).toMatch(/^text\/plain/);
        else expect(r.text).toContain('name="token"');
      }
    });

    it('signs in, shows every page, filters, sorts, pages, drills down, exports CSV and signs out', async () => {
      await go('/devices?status=noncompliant');
      await expect(page.title()).resolves.toMatch(/Sign in/);
      if (shots === IMG) await shot('signin');
      await page.getByLabel('Admin token').fill('wrong-token-wrong-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not accepted/);
      await page.getByLabel('Admin token').fill(ADMIN);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Back where we were going, with the filter kept.
      await page.waitForURL(/\/devices\?status=noncompliant$/);
      await expect(page.locator('h1').textContent()).resolves.toBe('Devices');

      await go('/');
      await expect(page.locator('h1').textContent()).resolves.toBe('Fleet overview');
      await expect(page.locator('.cards').textContent()).resolves.toMatch(/2000\s*devices/);
      await shot('overview');

      // From a number to the devices behind it; then sort and page on the server.
      await page.getByRole('link', { name: /500\s*not compliant/ }).click();
      await page.waitForURL(/status=noncompliant/);
      await expect(page.locator('.tablebar').first().textContent()).resolves.toMatch(/of 500/);
      await page.getByRole('link', { name: 'Last check-in' }).click();
      await page.waitForURL(/sort=lastSeen&dir=desc/);
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/page=2/);
      await expect(page.locator('.tablebar').first().textContent()).resolves.toMatch(/Rows 51–100 of 500/);
      await page.getByLabel('Device, host or user contains').fill('dev-0004');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/q=dev-0004/);
      const ids = await page.locator('tbody tr td:first-child').allTextContents();
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(id).toContain('dev-0004');
      await go('/devices');
      await shot('devices');

      // Drill down into one device.
      await go('/devices?q=dev-00040');
      await page.getByRole('link', { name: 'dev-00040' }).click();
      await page.waitForURL(/\/device\?id=dev-00040/);
      await expect(page.locator('h1').textContent()).resolves.toMatch(/dev-00040/);
      await expect(page.locator('table').nth(1).locator('tbody tr').count()).resolves.toBe(50);
      await page.getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/cursor=/);
      await page.getByLabel('Kind').selectOption('server.unapproved'); // the JS submits on change
      await page.waitForURL(/kind=server.unapproved/);
      const kinds = await page.locator('table').nth(1).locator('tbody tr td:nth-child(2)').allTextContents();
      expect(kinds.length).toBeGreaterThan(0);
      for (const k of kinds) expect(k).toBe('server.unapproved');
      await go('/device?id=dev-00040');
      await shot('device');

      await go('/drift');
      await expect(page.locator('svg.chart rect').count()).resolves.toBeGreaterThan(30);
      await page.getByLabel('Colour by').selectOption('severity');
      await page.waitForURL(/by=severity/);
      await go('/drift?days=30&by=kind');
      await shot('drift');

      await go('/servers');
      // Hostile server names from devices are shown as text, never run.
      await expect(page.locator('tbody').textContent()).resolves.toContain('<script>alert(1)</script>');
      await shot('servers');
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download CSV' }).click();
      const csv = fs.readFileSync((await (await download).path()) ?? '', 'utf8');
      expect(csv.split('\r\n')[0]).toBe('Server,Devices,Findings,Since,Last reported');
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      await page.getByRole('link', { name: 'filesystem-free' }).click();
      await page.waitForURL(/server=filesystem-free/);

      await go('/policies');
      await expect(page.locator('tbody tr').count()).resolves.toBe(3);
      await shot('policies');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/signin$/);
      await go('/devices');
      await expect(page.title()).resolves.toMatch(/Sign in/);
      await expect(page.content()).resolves.not.toContain('dev-000');

      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    }, 120_000);
  });
}
