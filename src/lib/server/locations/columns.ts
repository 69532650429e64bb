/**
 * Which column of a P-code list (or which property of a GeoJSON feature) holds what. Users may
 * name them; otherwise they are recognised from the names OCHA's lists and COD-AB files use:
 * `P-Code`, `Name`, `Parent P-Code`, `Admin Level` in the global P-code list, `ADM2_PCODE`,
 * `ADM2_FR`, `ADM1_PCODE` (or `adm2_pcode`, `adm2`, `adm1_pcode`) in COD-AB boundaries.
 */
export interface PlaceColumns {
	pcode: string;
	name: string;
	parent: string | null;
	level: string | null;
	validFrom: string | null;
	/** The level that COD-AB column names carry (`ADM2_PCODE`: 2), when the file has no level column. */
	impliedLevel: number | null;
}

export interface ColumnChoice {
	pcode?: string;
	name?: string;
	parent?: string;
	level?: string;
}

/** "Parent P-Code", "parent_pcode" and "PARENT PCODE" are one name. */
export function columnKey(header: string): string {
	return header
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

const PCODE = ['pcode', 'code', 'pcodes', 'locationpcode', 'placepcode', 'codepcode'];
const NAME = ['name', 'nom', 'names', 'placename', 'locationname', 'libelle', 'nomdulieu'];
const PARENT = ['parentpcode', 'parent', 'parentcode', 'pcodeparent', 'pcodeduparent', 'parentpcodes'];
const LEVEL = ['level', 'adminlevel', 'admlevel', 'niveau', 'niveauadministratif'];
const VALID_FROM = [
	'validfrom',
	'validedepuis',
	'validfromdate',
	'validon',
	'datedevalidite',
	'validitydate'
];

/**
 * The columns found among `headers`, the user's choice first. Returns the missing roles when the
 * P-code or the name cannot be found, and a named column that is not there.
 */
export function findColumns(
	headers: string[],
	choice: ColumnChoice
): { columns: PlaceColumns } | { missing: ('pcode' | 'name')[]; unknown: string[] } {
	const keys = headers.map(columnKey);
	const byKey = (key: string) => {
		const i = keys.indexOf(key);
		return i < 0 ? undefined : headers[i];
	};
	const first = (test: (key: string) => boolean) => {
		const i = keys.findIndex((key) => key !== '' && test(key));
		return i < 0 ? undefined : headers[i];
	};

	const unknown = Object.values(choice).filter(
		(name): name is string => Boolean(name) && byKey(columnKey(name!)) === undefined
	);
	if (unknown.length) return { missing: [], unknown };
	const chosen = (name: string | undefined) => (name ? byKey(columnKey(name)) : undefined);

	const cod = codColumns(keys, headers);
	const parent =
		chosen(choice.parent) ?? cod?.parent ?? first((k) => PARENT.includes(k) || k.startsWith('parent'));
	const pcode =
		chosen(choice.pcode) ??
		cod?.pcode ??
		first((k) => k !== columnKey(parent ?? '') && (PCODE.includes(k) || k.endsWith('pcode')));
	const name = chosen(choice.name) ?? cod?.name ?? first((k) => NAME.includes(k) || /^(name|nom)/.test(k));
	const level = chosen(choice.level) ?? first((k) => LEVEL.includes(k));
	if (!pcode || !name) {
		return {
			missing: [...(pcode ? [] : ['pcode' as const]), ...(name ? [] : ['name' as const])],
			unknown: []
		};
	}
	return {
		columns: {
			pcode,
			name,
			parent: parent ?? null,
			level: level ?? null,
			validFrom: first((k) => VALID_FROM.includes(k)) ?? null,
			// The level a COD-AB name carries holds only for the column it was read from.
			impliedLevel: !choice.pcode && cod && !choice.level ? cod.level : null
		}
	};
}

/** COD-AB names: the deepest `admN_pcode` is the place, `admN-1_pcode` its parent. */
function codColumns(keys: string[], headers: string[]) {
	const levels = keys.flatMap((key) => {
		const match = /^adm(\d)pcode$/.exec(key);
		return match ? [Number(match[1])] : [];
	});
	if (levels.length === 0) return undefined;
	const level = Math.max(...levels);
	const at = (key: string) => {
		const i = keys.indexOf(key);
		return i < 0 ? undefined : headers[i];
	};
	const nameKeys = ['fr', 'en', 'name', 'nom', '', 'ref'].map((suffix) => `adm${level}${suffix}`);
	return {
		level,
		pcode: at(`adm${level}pcode`)!,
		parent: level > 0 ? at(`adm${level - 1}pcode`) : undefined,
		name: nameKeys.map(at).find((header) => header !== undefined)
	};
}
