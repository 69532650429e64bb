// Turns each textarea[data-rich-text] into a small formatted-text editor. Without this script the
// textarea still works: the server sanitises whatever is sent (src/lib/server/rich-text).
(() => {
	const keep = /^(P|BR|H[1-6]|STRONG|B|EM|I|U|UL|OL|LI|A|BLOCKQUOTE|TABLE|THEAD|TBODY|TR|TH|TD)$/;
	const skip = /^(SCRIPT|STYLE|TITLE|TEMPLATE|XML|META|LINK)$/;
	const web = /^(https?:|mailto:)/i;
	const lists = ['insertUnorderedList', 'insertOrderedList'];
	// label (data-label-…), command, block; the first six show their state (aria-pressed)
	const tools = [
		['heading', 'formatBlock', 'h3'],
		['subheading', 'formatBlock', 'h4'],
		['bold', 'bold'],
		['italic', 'italic'],
		['bullets', lists[0]],
		['numbers', lists[1]],
		['link', 'createLink'],
		['unlink', 'unlink']
	];
	const state = (cmd) => document.queryCommandState(cmd);
	const run = (cmd, arg) => document.execCommand(cmd, false, arg);
	const block = () => String(document.queryCommandValue('formatBlock')).replace(/[<>]/g, '').toLowerCase();

	// Keeps the allowed structure and the words of pasted or stored HTML (Word's junk stays behind).
	const copy = (from, to) => {
		for (let n = from.firstChild; n; n = n.nextSibling) {
			if (n.nodeType === 3) to.append(n.data.replace(/[ \t\r\n]+/g, ' '));
			if (n.nodeType !== 1 || skip.test(n.nodeName) || /mso-list:\s*ignore/i.test(n.getAttribute('style')))
				continue;
			let el = to;
			if (keep.test(n.nodeName)) {
				el = to.appendChild(document.createElement(n.nodeName.replace(/H1/, 'H3').replace(/H[56]/, 'H4')));
				const href = n.getAttribute('href');
				if (href && web.test(href)) el.href = href;
			}
			copy(n, el);
		}
		return to;
	};
	// DOMParser's document is inert: nothing in it loads or runs.
	const clean = (html) =>
		copy(new DOMParser().parseFromString(html, 'text/html').body, document.createElement('div')).innerHTML;

	const enhance = (area) => {
		const data = area.dataset;
		const label = area.labels && area.labels[0];
		const bar = document.createElement('div');
		const ed = document.createElement('div');
		const sel = getSelection();
		let range;
		bar.className = 'rte-bar';
		bar.setAttribute('role', 'toolbar');
		bar.setAttribute('aria-label', data.labelToolbar || '');
		ed.className = 'rte-editor rich-text';
		ed.contentEditable = true;
		ed.setAttribute('role', 'textbox');
		ed.setAttribute('aria-multiline', true);
		ed.setAttribute('aria-label', label ? label.textContent.trim() : '');
		const described = area.getAttribute('aria-describedby');
		if (described) ed.setAttribute('aria-describedby', described);
		ed.innerHTML = clean(area.value);

		// Without tags the server would read the value as plain text (and escape its entities).
		const sync = () => (area.value = /^[^<]+$/.test(ed.innerHTML) ? `<p>${ed.innerHTML}</p>` : ed.innerHTML);
		const buttons = tools.map((t, i) => {
			const b = bar.appendChild(document.createElement('button'));
			b.type = 'button';
			b.className = 'rte-' + t[0];
			b.textContent = data['label' + t[0][0].toUpperCase() + t[0].slice(1)] || t[0];
			if (i < 6) b.setAttribute('aria-pressed', false);
			b.onmousedown = (e) => e.preventDefault(); // keeps the selection in the editor
			b.onclick = () => act(t);
			return b;
		});
		const show = () =>
			tools.slice(0, 6).forEach((t, i) => {
				buttons[i].setAttribute('aria-pressed', !!(t[2] ? block() === t[2] : state(t[1])));
			});
		// Puts the caret back where it was when a button took the focus (keyboard users).
		const restore = () => {
			const inside = sel.rangeCount && ed.contains(sel.anchorNode);
			ed.focus();
			if (inside || !range) return;
			sel.removeAllRanges();
			sel.addRange(range);
		};
		// Text typed into an empty editor, or left by a list turned off, goes into a paragraph.
		const paragraph = () => block() || lists.some(state) || run('formatBlock', 'p');
		// Chrome makes lists inside the paragraph (<p><ul>): lift them out, keeping the caret and
		// whether the next letters are bold or italic (moving the caret would forget it).
		const unnest = () => {
			const nested = ed.querySelectorAll('p > ul, p > ol');
			if (!nested.length || !sel.rangeCount) return;
			const r = sel.getRangeAt(0);
			const styles = ['bold', 'italic'].filter(state);
			nested.forEach((l) => l.parentNode.replaceWith(...l.parentNode.childNodes));
			sel.setBaseAndExtent(r.startContainer, r.startOffset, r.endContainer, r.endOffset);
			['bold', 'italic'].forEach((c) => styles.includes(c) === state(c) || run(c));
		};
		const act = (t) => {
			restore();
			if (t[1] === 'createLink') {
				let url = (prompt(data.labelLinkPrompt || 'URL', 'https://') || '').trim();
				if (url === 'https://' || !url) return;
				if (!web.test(url)) url = (url.includes('@') ? 'mailto:' : 'https://') + url;
				restore();
				const a = document.createElement('a');
				a.href = url;
				a.textContent = url.replace(/^mailto:/, '');
				if (sel.isCollapsed) run('insertHTML', a.outerHTML);
				else run('createLink', url);
			} else if (t[2]) {
				// A heading leaves the list it was in (Chrome would put the whole list in it).
				lists.forEach((c) => state(c) && run(c));
				run(t[1], block() === t[2] ? 'p' : t[2]);
			} else run(t[1]);
			if (lists.includes(t[1])) {
				paragraph();
				unnest();
			}
			sync();
			show();
		};

		ed.oninput = (e) => {
			if (!e.isComposing) paragraph(); // never while a phone keyboard is composing a word
			sync();
		};
		ed.onkeyup = show; // Ctrl+B and the like change the state without moving the caret
		ed.onfocus = () => {
			run('defaultParagraphSeparator', 'p');
			if (ed.textContent.trim() || ed.querySelector('li,td')) return;
			ed.innerHTML = '<p><br></p>'; // an empty editor starts with a paragraph
			sel.collapse(ed.firstChild, 0);
		};
		ed.onpaste = (e) => {
			const clip = e.clipboardData;
			if (!clip) return;
			e.preventDefault();
			const html = clip.getData('text/html');
			if (html) run('insertHTML', clean(html));
			else run('insertText', clip.getData('text/plain'));
		};
		document.addEventListener('selectionchange', () => {
			if (!sel.rangeCount || !ed.contains(sel.anchorNode)) return;
			range = sel.getRangeAt(0);
			show();
		});
		if (label) label.addEventListener('click', () => ed.focus());
		if (area.form) area.form.addEventListener('submit', sync);
		area.required = false; // a hidden required field would block the form
		area.hidden = true;
		data.richText = 'on';
		area.before(bar, ed);
	};

	// Also safe when the script is included once per editor: enhanced areas are marked "on".
	const start = () =>
		document.querySelectorAll('textarea[data-rich-text]:not([data-rich-text=on])').forEach(enhance);
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
	else start();
})();
