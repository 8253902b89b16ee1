/**
 * Which Chromium the end-to-end tests launch. Browsers cannot be downloaded on the machines that
 * build Tabula, so the tests use, in this order:
 *   1. `CHROMIUM_PATH`, when set (it must exist);
 *   2. a Chromium installed by `npx playwright install chromium`, when it is on disk;
 *   3. Debian's `/usr/bin/chromium`.
 * When none exists the run stops at once with a message that says how to get one.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a closed network: without the networking ones Chromium keeps trying to reach Google
 * services and floods the network with refused connections.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export class ChromiumNotFoundError extends Error {
  override readonly name = 'ChromiumNotFoundError';
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    // Playwright throws when it has no build for this platform; treat it as "not installed".
    return undefined;
  }
}

/** The path of the Chromium to launch; throws `ChromiumNotFoundError` with instructions. */
export function resolveChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ChromiumNotFoundError(
      `CHROMIUM_PATH is set to "${fromEnv}", but no file exists there. ` +
        'Point it at a Chromium executable, or unset it to use Playwright\'s or the system Chromium.',
    );
  }
  const installed = playwrightChromium();
  if (installed) return installed;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  throw new ChromiumNotFoundError(
    'No Chromium found for the end-to-end tests. Get one of:\n' +
      '  - Debian/Ubuntu: apt-get install -y chromium   (installs /usr/bin/chromium)\n' +
      '  - Playwright:    npx playwright install chromium   (needs internet access)\n' +
      '  - or set CHROMIUM_PATH=/path/to/chromium',
  );
}
