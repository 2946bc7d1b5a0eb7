// The HTML report in a real headless Chromium (Debian's package, driven by puppeteer-core):
// every chart must draw as many marks as its data has, and the page must load nothing from
// anywhere. Skipped, with a note, on a machine without /usr/bin/chromium. With
// REPORT_SCREENSHOT=FILE.png the cluster scenario's test also saves its charts, the picture
// the README shows (docs/report-charts.png).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, PuppeteerNode } from 'puppeteer-core';
import { formatReportHtml } from '../../src/report/report-html.js';
import { buildReportResult } from '../../src/check/report-result.js';
import { reportInputs } from '../../src/cli/report.js';
import { loadScenarios, planScenarios, runScenarios } from '../../src/index.js';
import { fixtureReport } from './report-run.js';

const CHROMIUM = '/usr/bin/chromium';
const CLUSTER = 'scenarios/shared-cluster.yaml';

// One browser for the whole file (a launch costs more CPU than the pages it shows); each
// test gets a fresh page of its own, so what one page requests is never seen by another. It
// is launched as the file loads, so its start (about a second) overlaps the simulations the
// first test runs in this process to make its page.
let launching: Promise<Browser> | undefined;
let profileDirectory = '';

function sharedBrowser(): Promise<Browser> {
  if (launching) return launching;
  profileDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'report-browser-'));
  // puppeteer-core's CommonJS build, loaded only when there is a browser to drive: it loads
  // in about 150 ms of CPU, its ES modules (some 200 files through Node's ESM loader) in 250.
  const puppeteer = createRequire(import.meta.url)('puppeteer-core') as PuppeteerNode;
  launching = puppeteer.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Chromium 156's headless mode still builds the address bar's WebUI suggestion popups
      // (chrome://omnibox-popup.top-chrome/) in a renderer of their own, which no page here
      // ever opens: a third of the browser's CPU (3.6 -> 2.7 s for this file's pages, min
      // of 4). Versions without these features ignore the names.
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
      // The browser, its renderers and its GPU process in one process (as serverless Chromium
      // runs by default): 0.6 s less CPU for this file's pages, min of 4, and the screenshot
      // is byte for byte the one the usual processes take. No page here needs isolation.
      '--single-process',
      `--user-data-dir=${path.join(profileDirectory, 'profile')}`,
    ],
  });
  // A failed launch is reported by the first test that awaits it, not as an unhandled error.
  launching.catch(() => {});
  return launching;
}

test.after(async () => {
  await (await launching?.catch(() => undefined))?.close();
  if (profileDirectory) fs.rmSync(profileDirectory, { recursive: true, force: true });
});

async function withPage<T>(
  html: string,
  use: (page: Page, requested: string[]) => Promise<T>,
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
    await page.setViewport({ width: 1250, height: 900 });
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
  void sharedBrowser();
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
        [
          'outcomes',
          's0-makespan-histogram',
          's0-makespan-cdf',
          's0-task-percentiles',
          's0-busy-over-time',
        ],
      );
      for (const chart of charts) {
        assert.ok(chart.expected > 0, `${chart.id} has data`);
        assert.is(chart.drawn, chart.expected, `${chart.id} marks`);
        assert.ok(chart.width > 100, `${chart.id} is laid out`);
      }
      assert.is(charts[0].drawn, result.scenarios[0].outcomes.length);
      // Without a cluster: TaskRuns running, as a p95 area and a mean line; no queue chart.
      assert.is(charts[4].drawn, 2);
      assert.equal(requested, []);
      const target = path.join(os.tmpdir(), `report-${process.pid}.png`);
      await page.screenshot({ path: target as `${string}.png`, fullPage: true });
      assert.ok(fs.statSync(target).size > 10_000);
      fs.rmSync(target);
    });
  });

  test('report: HTML of a cluster scenario: its waits, utilisation and queues over time draw every mark too', async () => {
    const planned = planScenarios(loadScenarios([CLUSTER]), { first: 1, last: 8 });
    const stores = await runScenarios(planned, { series: true });
    const result = buildReportResult(reportInputs(planned), stores, '0.0.0-test');
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
      const drawn = (id: string) => charts.find((chart) => chart.id === id)?.drawn;
      // Utilisation: a p95 area and a mean line. Queues: the controller's work queue and the
      // pods waiting for a node, each a mean line and a p95 line.
      assert.is(drawn('s0-busy-over-time'), 2);
      assert.is(drawn('s0-queues-over-time'), 4);
      assert.equal(requested, []);
      const screenshot = process.env.REPORT_SCREENSHOT;
      if (screenshot) {
        // The README's picture: the makespan and the charts over time, without the tables.
        await page.evaluate(() => {
          const shown = [
            'makespan-histogram',
            'makespan-cdf',
            'busy-over-time',
            'queues-over-time',
          ];
          for (const element of document.querySelectorAll('body > *')) {
            const chart = element.getAttribute('data-chart') ?? '';
            if (!shown.some((id) => chart.endsWith(id)))
              (element as HTMLElement).style.display = 'none';
          }
          document.body.style.maxWidth = '1200px';
        });
        await page.setViewport({ width: 1250, height: 300 });
        await page.screenshot({ path: screenshot as `${string}.png`, fullPage: true });
      }
    });
  });

  test('report: the browser test notices a page that fetches something', async () => {
    const html = '<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"></body></html>';
    const requested = await withPage(html, async (_page, seen) => seen);
    assert.equal(requested, ['http://127.0.0.1:9/x.png']);
  });
}

test.run();
