/**
 * The browsers the end-to-end tests run in: Chromium always (the run stops when there is none, see
 * chromium.ts), Firefox and WebKit wherever Playwright's builds of them are installed
 * (`npx playwright install firefox webkit`, which needs internet access). A browser that is not
 * installed is reported as not run, with the reason, never silently left out.
 */
import { existsSync } from 'node:fs';
import { type BrowserType, firefox, type LaunchOptions, webkit } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from './chromium';

export type BrowserName = 'chromium' | 'firefox' | 'webkit';

export interface BrowserTarget {
  name: BrowserName;
  /** Launch options when the browser is installed; null when it is not. */
  launchOptions: LaunchOptions | null;
}

/**
 * Spec files that drive a Playwright API only Chromium has; the other browsers do not run them.
 * Everything else runs in every installed browser.
 */
export const CHROMIUM_ONLY_SPECS: Readonly<Record<string, string>> = {
  'touch.spec.ts': 'multi-touch input is sent through the Chrome DevTools Protocol',
  'clipboard.spec.ts': 'Playwright grants clipboard access in Chromium only',
};

function installed(type: BrowserType): boolean {
  try {
    const path = type.executablePath();
    return Boolean(path) && existsSync(path);
  } catch {
    // Playwright throws when it has no build of this browser for the platform.
    return false;
  }
}

export function browserTargets(): BrowserTarget[] {
  return [
    { name: 'chromium', launchOptions: { executablePath: resolveChromium(), args: CHROMIUM_ARGS } },
    { name: 'firefox', launchOptions: installed(firefox) ? {} : null },
    { name: 'webkit', launchOptions: installed(webkit) ? {} : null },
  ];
}

/** One line per browser, or per spec a browser leaves out: what does not run, and why. */
export function notRunLines(targets: BrowserTarget[]): string[] {
  const lines: string[] = [];
  for (const target of targets) {
    if (!target.launchOptions) {
      lines.push(`${target.name}: not run: browser not installed (npx playwright install ${target.name})`);
    } else if (target.name !== 'chromium') {
      for (const [spec, reason] of Object.entries(CHROMIUM_ONLY_SPECS)) lines.push(`${target.name}: ${spec} not run: ${reason}`);
    }
  }
  return lines;
}
