import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { render } from 'svelte/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeRichText } from '$lib/server/rich-text/sanitize';
import { launchChromium } from './chromium';
import RichTextEditor from '$lib/components/RichTextEditor.svelte';

// The editor script (static/rich-text.js) in Chromium, on the HTML the component renders on the
// server: no app server and no database, the browser's requests are answered here.

const script = readFileSync(fileURLToPath(new URL('../../static/rich-text.js', import.meta.url)), 'utf8');
const origin = 'http://concerto.test';

let browser: Browser;
let page: Page;
let html = '';
let submit: (fields: URLSearchParams) => void = () => {};

beforeAll(async () => {
	browser = await launchChromium();
	page = await browser.newPage();
	await page.route(`${origin}/**`, (route) => {
		const { pathname } = new URL(route.request().url());
		if (pathname === '/rich-text.js') return route.fulfill({ contentType: 'text/javascript', body: script });
		if (pathname === '/save') {
			submit(new URLSearchParams(route.request().postData() ?? ''));
			return route.fulfill({ contentType: 'text/html', body: 'ok' });
		}
		return route.fulfill({ contentType: 'text/html', body: html });
	});
});
afterAll(() => browser?.close());

/** Opens a page with the editor in a form; `submitted` resolves with the posted fields. */
async function openEditor(value = '') {
	const { head, body } = render(RichTextEditor, {
		props: { name: 'body', label: 'Contenu du chapitre', value }
	});
	html = `<!doctype html><html lang="fr"><head><meta charset="utf-8">${head}</head><body>
		<form method="post" action="/save">${body}<button id="save">Enregistrer</button></form></body></html>`;
	const submitted = new Promise<URLSearchParams>((resolve) => {
		submit = resolve;
	});
	await page.goto(`${origin}/`);
	const editor = page.getByRole('textbox', { name: 'Contenu du chapitre' });
	await editor.waitFor();
	return { submitted, editor };
}

const button = (name: string) => page.getByRole('button', { name, exact: true });

describe('rich-text.js', () => {
	it('replaces the textarea with a labelled editor and a French toolbar', async () => {
		const { editor } = await openEditor('<p>Texte <i>what if</i></p>');
		expect(await page.locator('textarea[name=body]').isHidden()).toBe(true);
		expect(await editor.getAttribute('aria-multiline')).toBe('true');
		expect(await editor.innerHTML()).toBe('<p>Texte <i>what if</i></p>');
		const toolbar = page.getByRole('toolbar', { name: 'Mise en forme' });
		expect(await toolbar.getByRole('button').allTextContents()).toEqual([
			'Titre',
			'Sous-titre',
			'Gras',
			'Italique',
			'Liste à puces',
			'Liste numérotée',
			'Lien',
			'Retirer le lien'
		]);
		expect(await toolbar.locator('button[type=button]').count()).toBe(8);
	});

	it('sends bold text, headings, lists and links with the form', async () => {
		const { editor, submitted } = await openEditor();
		await editor.click();
		await page.keyboard.type('Objectifs');
		await button('Titre').click();
		expect(await button('Titre').getAttribute('aria-pressed')).toBe('true');
		await page.keyboard.press('Enter');
		await page.keyboard.type('Appuyer ');
		await button('Gras').click();
		expect(await button('Gras').getAttribute('aria-pressed')).toBe('true');
		await page.keyboard.type('les partenaires');
		await button('Gras').click();
		await page.keyboard.press('Enter');
		await button('Liste à puces').click();
		await page.keyboard.type('Gao');
		await page.keyboard.press('Enter');
		await page.keyboard.type('Tombouctou');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Enter');
		page.once('dialog', (dialog) => dialog.accept('www.humanitarianresponse.info'));
		await button('Lien').click();
		await page.locator('#save').click();
		const sent = (await submitted).get('body')!;
		expect(sent).toMatch(/<h3>Objectifs<\/h3>/);
		expect(sent).toMatch(/<(strong|b)>les partenaires<\/(strong|b)>/);
		expect(sent).toMatch(/<ul><li>Gao<\/li><li>Tombouctou<\/li><\/ul>/);
		expect(sent).toContain('<a href="https://www.humanitarianresponse.info">');
		// What the server keeps of it.
		expect(sanitizeRichText(sent)).toMatch(/<(strong|b)>les partenaires<\/(strong|b)>/);
	});

	it('pastes the words and simple structure of Word HTML, without scripts or styles', async () => {
		const { editor, submitted } = await openEditor();
		await editor.click();
		await page.evaluate(() => {
			const data = new DataTransfer();
			data.setData(
				'text/html',
				'<style>p.MsoNormal{margin:0}</style><p class="MsoNormal" style="color:red" onclick="alert(1)">' +
					'<span style="mso-list:Ignore">·&nbsp;</span><b>Point</b> <i>un</i><img src="x" onerror="window.pwned=1">' +
					'<a href="javascript:alert(1)">faux</a> <a href="https://example.org">vrai</a></p><script>window.pwned=2</script>'
			);
			document.activeElement!.dispatchEvent(
				new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
			);
		});
		const html = await editor.innerHTML();
		expect(html).toContain('<b>Point</b> <i>un</i>');
		expect(html).toContain('<a href="https://example.org">vrai</a>');
		expect(html).not.toMatch(/style|onclick|onerror|<img|javascript|·|Mso/i);
		expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
		await page.locator('#save').click();
		expect((await submitted).get('body')).toContain('<b>Point</b>');
	});

	it('sends typed text as a paragraph of HTML', async () => {
		const { editor, submitted } = await openEditor();
		await editor.click();
		await page.keyboard.type('R&D < 5');
		await page.locator('#save').click();
		const sent = (await submitted).get('body')!;
		expect(sanitizeRichText(sent)).toBe('<p>R&amp;D &lt; 5</p>');
	});
});
