/** Opening report.html in Debian's Chromium through playwright-core, with the network cut off. */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface PageReport {
  readonly consoleErrors: string[];
  readonly blockedRequests: string[];
}

/** Loads the report with every non-file request aborted; returns what went wrong on the way. */
export async function openReport(browser: Browser, htmlPath: string, screenshotPath?: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const report: PageReport = { consoleErrors: [], blockedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') report.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => report.consoleErrors.push(error.message));
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    report.blockedRequests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(htmlPath).href);
  // Every chart is drawn (an <svg>) or has said why not (text), before anything is checked.
  await page.waitForFunction(
    `[...document.querySelectorAll('[data-chart]')].every((el) => el.querySelector('svg') !== null || el.textContent !== '')`,
    null,
    { timeout: 30_000 },
  );
  if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
  return { page, report };
}
