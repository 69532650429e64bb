import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { connect, type Connection, type Database } from '$lib/server/db/client';
import type { ReceivedMail } from '../smtp';
import { launchChromium } from './chromium';

declare global {
	interface Window {
		axe: { run(context: Document, options: object): Promise<AxeResults> };
	}
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What an end-to-end test file works with: the running server (see global-setup.ts), Chromium,
 * a connection to the server's database for seeding and checking, and the mails the SMTP server got.
 */
export function useE2e() {
	const { baseUrl, databaseUrl, mailDir } = inject('e2e');
	let browser: Browser | undefined;
	let connection: Connection | undefined;
	let contexts: BrowserContext[] = [];

	beforeAll(async () => {
		browser = await launchChromium();
		connection = await connect({ url: databaseUrl });
	});
	afterEach(async () => {
		for (const context of contexts) await context.close();
		contexts = [];
	});
	afterAll(async () => {
		await browser?.close();
		await connection?.close();
	});

	return {
		baseUrl,
		get db(): Database {
			if (!connection) throw new Error('the database is connected in beforeAll');
			return connection.db;
		},
		/** A fresh browser profile (no cookies), French by default as in Mali, at the given width. */
		async newPage(options: { width?: number; locale?: string } = {}): Promise<Page> {
			if (!browser) throw new Error('the browser starts in beforeAll');
			const context = await browser.newContext({
				baseURL: baseUrl,
				locale: options.locale ?? 'fr-FR',
				viewport: { width: options.width ?? 1280, height: 800 }
			});
			contexts.push(context);
			return context.newPage();
		},
		/** The first mail the SMTP server received that `match` accepts, waiting for it if need be. */
		async waitForMail(match: (mail: ReceivedMail) => boolean, timeoutMs = 20_000): Promise<ReceivedMail> {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const mails = readdirSync(mailDir)
					.sort()
					.map((f) => JSON.parse(readFileSync(join(mailDir, f), 'utf8')) as ReceivedMail);
				const found = mails.find(match);
				if (found) return found;
				if (Date.now() > deadline)
					throw new Error(`no such mail within ${timeoutMs} ms (${mails.length} received)`);
				await new Promise((r) => setTimeout(r, 200));
			}
		}
	};
}

export type E2e = ReturnType<typeof useE2e>;

/** Waits until the page has loaded (pages are plain HTML: no client router to wait for). */
export async function loaded(page: Page) {
	await page.waitForLoadState('load');
}

/** Opens a page and waits until it is ready to be used. */
export async function open(page: Page, path: string) {
	const response = await page.goto(path);
	await loaded(page);
	return response;
}

/**
 * Clicks a form's button and waits for the page that answers, ready in its turn (a new document,
 * whether the answer is the same page with messages or a redirect elsewhere).
 */
export async function submitForm(page: Page, button: Locator = page.locator('main form button')) {
	await afterNewPage(page, () => button.click());
}

/** Presses Enter in a field, as a keyboard user submits, and waits for the page that comes back. */
export async function submitWithEnter(page: Page, field: Locator) {
	await afterNewPage(page, () => field.press('Enter'));
}

async function afterNewPage(page: Page, act: () => Promise<void>) {
	await page.evaluate(() => {
		(window as Marked).__concertoBefore = true;
	});
	await act();
	await page.waitForFunction(
		() => !(window as Marked).__concertoBefore && document.readyState === 'complete'
	);
}

type Marked = Window & { __concertoBefore?: boolean };

/** Signs in through the sign-in page, as a person would; fails with the page's message if refused. */
export async function signInThroughPage(page: Page, email: string, password: string) {
	await open(page, '/sign-in');
	await page.locator('#email').fill(email);
	await page.locator('#password').fill(password);
	await submitForm(page);
	if (new URL(page.url()).pathname === '/sign-in') {
		const alert = await page.locator('[role=alert]').textContent();
		throw new Error(`sign-in as ${email} refused: ${alert}`);
	}
}

/** Runs axe-core on the page as it is and fails with a readable list of what it found. */
export async function expectNoAxeViolations(page: Page) {
	await page.addScriptTag({ content: axeSource });
	const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
	const found = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe-core on ${page.url()}:\n${found.join('\n')}\n`).toEqual([]);
}

/** Usable on a narrow phone: nothing wider than the screen forces sideways scrolling of the page. */
export async function expectNoSidewaysScroll(page: Page) {
	const widths = await page.evaluate(() => ({
		page: document.documentElement.scrollWidth,
		screen: window.innerWidth
	}));
	expect(widths.page, `page width on ${page.url()}`).toBeLessThanOrEqual(widths.screen);
}
