// The needs grid as a spreadsheet: arrows and Enter move between cells, a block copied from Excel
// (tabs and lines) fills the cells from the focused one, totals and "targeted above in need" flags
// follow the typing. The page works without it: the server computes and checks the same.
(function () {
	var table = document.querySelector('table.needs-grid');
	if (!table) return;
	var cells = [].slice.call(table.querySelectorAll('input[inputmode]'));
	var width = +table.getAttribute('data-width');
	var half = width / 2;
	var over = table.getAttribute('data-over');
	var format = new Intl.NumberFormat(document.documentElement.lang || 'fr');
	var foot = table.querySelectorAll('tfoot .ct');
	var recalc = document.getElementById('needs-recalc');
	// Totals follow the typing: the button that recomputes them is for pages without script.
	if (recalc) recalc.parentNode.style.display = 'none';
	cells.forEach(function (c) {
		c.setAttribute('data-title', c.title);
	});

	// "1 234", "1,234" and "1234" as the server reads them; anything else counts for nothing.
	function count(text) {
		text = text.replace(/[\s\u00a0\u202f]/g, '');
		if (/^\d{1,3}(,\d{3})+$/.test(text)) text = text.replace(/,/g, '');
		return /^\d+$/.test(text) ? +text : null;
	}
	function show(n) {
		return n === null ? '' : format.format(n);
	}

	function update() {
		var columns = [];
		for (var start = 0; start < cells.length; start += width) {
			var sums = [null, null];
			for (var j = 0; j < width; j++) {
				var v = count(cells[start + j].value);
				if (v === null) continue;
				sums[j < half ? 0 : 1] = (sums[j < half ? 0 : 1] || 0) + v;
				columns[j] = (columns[j] || 0) + v;
			}
			for (j = 0; j < half; j++) {
				var cell = cells[start + half + j];
				var t = count(cell.value);
				var n = count(cells[start + j].value) || 0;
				var flagged = t !== null && t > n;
				cell.parentNode.classList.toggle('over', flagged);
				cell.title = flagged
					? over.replace('{t}', show(t)).replace('{n}', show(n))
					: cell.getAttribute('data-title');
			}
			var totals = cells[start].parentNode.parentNode.querySelectorAll('.tot');
			totals[0].textContent = show(sums[0]);
			totals[1].textContent = show(sums[1]);
		}
		// The footer: each in-need column and their total, then each targeted column and theirs.
		var out = [];
		var part = null;
		for (var c = 0; c < width; c++) {
			var sum = columns[c] === undefined ? null : columns[c];
			out.push(sum);
			if (sum !== null) part = (part || 0) + sum;
			if (c === half - 1 || c === width - 1) {
				out.push(part);
				part = null;
			}
		}
		for (var k = 0; k < foot.length; k++) foot[k].textContent = show(out[k]);
	}

	function go(index) {
		var cell = cells[index];
		if (!cell) return false;
		cell.focus();
		cell.select();
		return true;
	}

	table.addEventListener('keydown', function (e) {
		var i = cells.indexOf(e.target);
		if (i < 0 || e.altKey || e.ctrlKey || e.metaKey) return;
		var el = e.target;
		var to = null;
		if (e.key === 'Enter') {
			// Enter moves down as in a spreadsheet, and never sends the form from a cell.
			e.preventDefault();
			to = e.shiftKey ? i - width : i + width;
		} else if (e.key === 'ArrowDown') to = i + width;
		else if (e.key === 'ArrowUp') to = i - width;
		else if (e.key === 'ArrowLeft' && el.selectionStart === 0 && el.selectionEnd === 0) to = i - 1;
		else if (e.key === 'ArrowRight' && el.selectionStart === el.value.length) to = i + 1;
		if (to !== null && go(to)) e.preventDefault();
	});

	table.addEventListener('paste', function (e) {
		var i = cells.indexOf(e.target);
		if (i < 0) return;
		var text = (e.clipboardData || window.clipboardData)
			.getData('text')
			.replace(/\r/g, '')
			.replace(/\n$/, '');
		if (!/[\t\n]/.test(text)) return;
		e.preventDefault();
		var row = i - (i % width);
		text.split('\n').forEach(function (line, down) {
			line.split('\t').forEach(function (value, across) {
				var column = (i % width) + across;
				var cell = cells[row + down * width + column];
				if (column < width && cell) cell.value = value.trim();
			});
		});
		update();
	});

	table.addEventListener('input', update);
})();
