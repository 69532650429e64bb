/**
 * The OpenAPI 3.1 document, generated from the route table and the zod schemas it names: the input
 * schemas the domain validates with (as JSON Schema of what may be sent) and the presenters' output
 * schemas (as JSON Schema of what is sent back).
 */
import { z } from 'zod';
import type { Locale } from '../i18n';
import type { Operation, Tag } from './endpoint';
import { PROBLEM_KINDS, problemOut, problemStatus, problemTitle, type ProblemKind } from './problem';
import { clusterOut, meOut, organisationOut, organisationSummaryOut, personOut } from './presenters';
import { placeOut } from '../locations/present';
import { m } from '$lib/paraglide/messages';

export const openApiOut = z.looseObject({ openapi: z.literal('3.1.0') });

type JsonSchema = Record<string, unknown>;
type Components = z.core.$ZodRegistry<{ id: string }>;

const named: [z.ZodType, string][] = [
	[organisationOut, 'Organisation'],
	[organisationSummaryOut, 'OrganisationSummary'],
	[personOut, 'Person'],
	[clusterOut, 'Cluster'],
	[placeOut, 'Place'],
	[meOut, 'Me'],
	[problemOut, 'Problem'],
	[openApiOut, 'OpenApiDocument']
];

const TAGS: Record<Tag, (locale: Locale) => string> = {
	organisations: (locale) => m.api_doc_tag_organisations({}, { locale }),
	people: (locale) => m.api_doc_tag_people({}, { locale }),
	clusters: (locale) => m.api_doc_tag_clusters({}, { locale }),
	memberships: (locale) => m.api_doc_tag_memberships({}, { locale }),
	imports: (locale) => m.api_doc_tag_imports({}, { locale }),
	locations: (locale) => m.api_doc_tag_locations({}, { locale }),
	plans: (locale) => m.plans_api_tag_plans({}, { locale }),
	framework: (locale) => m.plans_api_tag_framework({}, { locale }),
	meetings: (locale) => m.minutes_api_tag_meetings({}, { locale }),
	calendar: (locale) => m.events_api_tag({}, { locale }),
	projects: (locale) => m.projects_api_tag({}, { locale }),
	account: (locale) => m.api_doc_tag_account({}, { locale }),
	meta: (locale) => m.api_doc_tag_meta({}, { locale })
};

const PARAMETERS: Record<string, (locale: Locale) => string> = {
	id: (locale) => m.api_doc_param_id({}, { locale }),
	q: (locale) => m.api_doc_param_q({}, { locale }),
	limit: (locale) => m.api_doc_param_limit({}, { locale }),
	offset: (locale) => m.api_doc_param_offset({}, { locale }),
	type: (locale) => m.api_doc_param_type({}, { locale }),
	organisation: (locale) => m.api_doc_param_organisation({}, { locale }),
	level: (locale) => m.api_doc_param_level({}, { locale }),
	parent: (locale) => m.api_doc_param_parent({}, { locale }),
	kind: (locale) => m.records_api_param_kind({}, { locale })
};

/** The document is the same for every request in one language: build it once per list and language. */
const built = new WeakMap<Operation[], Map<Locale, z.output<typeof openApiOut>>>();

export function openApiDocument(operations: Operation[], locale: Locale): z.output<typeof openApiOut> {
	let byLocale = built.get(operations);
	if (!byLocale) built.set(operations, (byLocale = new Map()));
	let document = byLocale.get(locale);
	if (!document) byLocale.set(locale, (document = build(operations, locale)));
	return document;
}

function build(operations: Operation[], locale: Locale): z.output<typeof openApiOut> {
	const components: Components = z.registry<{ id: string }>();
	for (const [schema, id] of named) components.add(schema, { id });
	for (const op of operations) {
		const name = op.operationId[0]!.toUpperCase() + op.operationId.slice(1);
		if (op.body && !components.has(op.body)) components.add(op.body, { id: `${name}Body` });
		if (op.response && !components.has(op.response)) components.add(op.response, { id: `${name}Response` });
	}
	const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${components.get(schema)!.id}` });

	const paths: Record<string, Record<string, unknown>> = {};
	for (const op of operations) {
		const params = parameters(op, locale);
		(paths[op.path] ??= {})[op.method.toLowerCase()] = {
			operationId: op.operationId,
			tags: [op.tag],
			summary: op.summary(locale),
			// Public reads answer visitors too; a token, when sent, must still be valid.
			...(op.public ? { security: [{}, { bearerAuth: [] }] } : {}),
			...(params.length ? { parameters: params } : {}),
			...(op.body
				? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } }
				: {}),
			...(op.upload ? { requestBody: { required: true, content: fileContent(op.upload) } } : {}),
			responses: {
				[op.status]: success(op, locale, ref),
				...problemResponses(op, locale)
			}
		};
	}

	const { schemas } = z.toJSONSchema(components, {
		io: 'input',
		uri: (id) => `#/components/schemas/${id}`
	});
	return {
		openapi: '3.1.0',
		info: {
			title: m.api_doc_title({}, { locale }),
			version: '1.0.0',
			description: m.api_doc_description({}, { locale })
		},
		servers: [{ url: '/api/v1' }],
		security: [{ bearerAuth: [] }],
		tags: Object.entries(TAGS).map(([name, description]) => ({ name, description: description(locale) })),
		paths,
		components: {
			securitySchemes: {
				bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'cto_…' }
			},
			schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutDialect(schema)]))
		}
	};
}

function parameters(op: Operation, locale: Locale) {
	const list: JsonSchema[] = [];
	if (op.path.includes('{id}'))
		list.push({
			name: 'id',
			in: 'path',
			required: true,
			description: PARAMETERS.id!(locale),
			schema: { type: 'string', format: 'uuid' }
		});
	if (op.query) {
		const schema = z.toJSONSchema(op.query, { io: 'input' });
		const required = new Set(schema.required ?? []);
		for (const [name, property] of Object.entries(schema.properties ?? {})) {
			list.push({
				name,
				in: 'query',
				required: required.has(name),
				...(PARAMETERS[name] ? { description: PARAMETERS[name](locale) } : {}),
				schema: property
			});
		}
	}
	return list;
}

function success(op: Operation, locale: Locale, ref: (schema: z.ZodType) => JsonSchema) {
	if (op.status === 204) return { description: m.api_doc_response_deleted({}, { locale }) };
	const content = {
		...(op.response || op.downloads
			? {
					content: {
						...(op.response ? { 'application/json': { schema: ref(op.response) } } : {}),
						...fileContent(op.downloads ?? [])
					}
				}
			: {})
	};
	if (op.status === 201)
		return {
			description: m.api_doc_response_created({}, { locale }),
			headers: { Location: { schema: { type: 'string', format: 'uri-reference' } } },
			...content
		};
	return { description: m.api_doc_response_ok({}, { locale }), ...content };
}

function fileContent(types: string[]) {
	return Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
}

/** Every operation may meet a missing or bad token (401); one with a body, unreadable or non-JSON bodies. */
function problemResponses(op: Operation, locale: Locale) {
	const kinds = new Set<ProblemKind>([
		'unauthenticated',
		'bad-token',
		...op.problems,
		...(op.body ? (['malformed-body', 'unsupported-media-type'] as const) : [])
	]);
	const byStatus = new Map<number, string[]>();
	for (const kind of PROBLEM_KINDS.filter((k) => kinds.has(k))) {
		const status = problemStatus(kind);
		byStatus.set(status, [...(byStatus.get(status) ?? []), problemTitle(kind, locale)]);
	}
	return Object.fromEntries(
		[...byStatus].map(([status, titles]) => [
			status,
			{
				description: titles.join(' · '),
				...(status === 401 ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } } : {}),
				content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
			}
		])
	);
}

/** OpenAPI 3.1 already says which JSON Schema dialect its schemas use, and names components by key. */
function withoutDialect(schema: JsonSchema): JsonSchema {
	const copy = { ...schema };
	delete copy.$schema;
	delete copy.$id;
	return copy;
}
