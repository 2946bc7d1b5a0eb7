// The HTML report in a real headless Chromium (Debian's package, driven by puppeteer-core):
// every chart must draw as many marks as its data has, and the page must load nothing from
// anywhere. Skipped, with a note, on a machine without /usr/bin/chromium. With
// REPORT_SCREENSHOT=FILE.png it also saves the picture the README shows.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { formatReportHtml } from '../../src/report/report-html.js';
import { buildReportResult } from '../../src/check/report-result.js';
import { reportInputs } from '../../src/cli/report.js';
import { loadScenarios, planScenarios, runScenarios } from '../../src/index.js';
import { fixtureReport } from './report-run.js';

const CHROMIUM = '/usr/bin/chromium';
const CLUSTER = 'scenarios/shared-cluster.yaml';

// One browser for the whole file (a launch costs more CPU than the pages it shows); each
// test gets a fresh page of its own, so what one page requests is never seen by another.
let browser: import('puppeteer-core').Browser | undefined;
let profileDirectory = '';

async function sharedBrowser(): Promise<import('puppeteer-core').Browser> {
  if (browser) return browser;
  profileDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'report-browser-'));
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${path.join(profileDirectory, 'profile')}`,
    ],
  });
  return browser;
}

test.after(async () => {
  await browser?.close();
  if (profileDirectory) fs.rmSync(profileDirectory, { recursive: true, force: true });
});

async function withPage<T>(
  html: string,
  use: (page: import('puppeteer-core').Page, requested: string[]) => Promise<T>,
): Promise<T> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'report-browser-page-'));
  const file = path.join(directory, 'report.html');
  fs.writeFileSync(file, html);
  const page = await (await sharedBrowser()).newPage();
  try {
    const pageUrl = `file://${file}`;
    const requested: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      // The page itself is the one load allowed; anything else is recorded and refused.
      if (request.url() === pageUrl) return void request.continue();
      requested.push(request.url());
      void request.abort();
    });
    await page.setViewport({ width: 1150, height: 900 });
    await page.goto(pageUrl, { waitUntil: 'load' });
    return await use(page, requested);
  } finally {
    await page.close();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

if (!fs.existsSync(CHROMIUM)) {
  console.log(`note: ${CHROMIUM} is missing; the HTML report browser test is skipped`);
  test.skip('report: HTML in headless Chromium', () => {});
} else {
  test('report: HTML in headless Chromium: every chart has its marks and nothing is fetched', async () => {
    const { result } = await fixtureReport();
    const html = await formatReportHtml(result);
    await withPage(html, async (page, requested) => {
      const charts = await page.$$eval('figure[data-chart]', (figures) =>
        figures.map((figure) => ({
          id: figure.getAttribute('data-chart'),
          expected: Number(figure.getAttribute('data-expected-marks')),
          drawn: figure.querySelectorAll('svg g.role-mark > path').length,
          width: figure.querySelector('svg')?.getBoundingClientRect().width ?? 0,
        })),
      );
      assert.equal(
        charts.map((chart) => chart.id),
        ['outcomes', 's0-makespan-histogram', 's0-makespan-cdf', 's0-task-percentiles'],
      );
      for (const chart of charts) {
        assert.ok(chart.expected > 0, `${chart.id} has data`);
        assert.is(chart.drawn, chart.expected, `${chart.id} marks`);
        assert.ok(chart.width > 100, `${chart.id} is laid out`);
      }
      assert.is(charts[0].drawn, result.scenarios[0].outcomes.length);
      assert.equal(requested, []);
      const screenshot = process.env.REPORT_SCREENSHOT;
      const target = screenshot ?? path.join(os.tmpdir(), `report-${process.pid}.png`);
      await page.screenshot({ path: target as `${string}.png`, fullPage: true });
      assert.ok(fs.statSync(target).size > 10_000);
      if (!screenshot) fs.rmSync(target);
    });
  });

  test('report: HTML of a cluster scenario: its wait and utilisation charts draw every mark too', async () => {
    const planned = planScenarios(loadScenarios([CLUSTER]), { first: 1, last: 4 });
    const results = await runScenarios(planned);
    const result = buildReportResult(reportInputs(planned), results, '0.0.0-test');
    const html = await formatReportHtml(result);
    await withPage(html, async (page, requested) => {
      const charts = await page.$$eval('figure[data-chart]', (figures) =>
        figures.map((figure) => ({
          id: figure.getAttribute('data-chart'),
          expected: Number(figure.getAttribute('data-expected-marks')),
          drawn: figure.querySelectorAll('svg g.role-mark > path').length,
        })),
      );
      const ids = charts.map((chart) => chart.id);
      assert.ok(ids.includes('s0-latency-percentiles'), ids.join(', '));
      assert.ok(ids.includes('s0-utilisation'), ids.join(', '));
      for (const chart of charts) assert.is(chart.drawn, chart.expected, `${chart.id} marks`);
      assert.equal(requested, []);
      if (process.env.REPORT_SCREENSHOT_CLUSTER)
        await page.screenshot({
          path: process.env.REPORT_SCREENSHOT_CLUSTER as `${string}.png`,
          fullPage: true,
        });
    });
  });

  test('report: the browser test notices a page that fetches something', async () => {
    const html = '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"></body></html>';
    const requested = await withPage(html, async (_page, seen) => seen);
    assert.equal(requested, ['http://127.0.0.1:9/x.png']);
  });
}

test.run();
