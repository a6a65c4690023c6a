import { existsSync } from 'node:fs';
import { chromium, selectors, type Browser } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); playwright's own browser download is not reachable here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// n8n's front end marks its elements with data-test-id (playwright's default is data-testid).
selectors.setTestIdAttribute('data-test-id');

export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM_PATH))
		throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
	return await chromium.launch({
		executablePath: CHROMIUM_PATH,
		// As root in a closed network: no sandbox, and none of Chromium's own background connections.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}
