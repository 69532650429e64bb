/**
 * Every operation of /api/v1, in one table: the router serves exactly these and the OpenAPI
 * document describes exactly these. Each module's operations live in `operations/`; handlers only
 * call the domain (which checks the caller's rights and validates input with the schemas named
 * there) and present what it returns.
 */
import { authorize } from '../access/policy';
import { operation, type Operation } from './endpoint';
import { meOut, presentMe } from './presenters';
import { openApiDocument, openApiOut } from './openapi';
import { clusters } from './operations/clusters';
import { organisations, people } from './operations/directory';
import { locations } from './operations/locations';
import { memberships } from './operations/memberships';
import { records } from './operations/records';
import { imports } from './operations/imports';
import { plans } from './operations/plans';
import { framework } from './operations/framework';
import { needs } from './operations/needs';
import { logframe } from './operations/logframe';
import { meetings } from './operations/meetings';
import { attendanceOperations } from './operations/attendance';
import { actionItems } from './operations/actions';
import { calendarOperations } from './operations/calendar';
import { projectOperations } from './operations/projects';
import { attachmentOperations } from './operations/attachments';
import { projectListOperations } from './operations/project-list';
import { reviewOperations } from './operations/reviews';
import { submissionOperations } from './operations/submissions';
import { m } from '$lib/paraglide/messages';

const others = [
	operation({
		method: 'GET',
		path: '/me',
		operationId: 'getMe',
		tag: 'account',
		summary: (locale) => m.api_doc_me_get({}, { locale }),
		status: 200,
		response: meOut,
		problems: [],
		run: async ({ ctx }) => {
			authorize(ctx.actor, true);
			return presentMe(ctx.actor);
		}
	}),
	operation({
		method: 'GET',
		path: '/openapi.json',
		operationId: 'getOpenApiDocument',
		tag: 'meta',
		summary: (locale) => m.api_doc_openapi_get({}, { locale }),
		public: true,
		status: 200,
		response: openApiOut,
		problems: [],
		run: async ({ locale }) => openApiDocument(operations, locale)
	})
];

export const operations: Operation[] = [
	...organisations,
	...people,
	...clusters,
	...memberships,
	...records,
	...imports,
	...locations,
	...plans,
	...framework,
	...needs,
	...logframe,
	...meetings,
	...attendanceOperations,
	...actionItems,
	...calendarOperations,
	...projectListOperations,
	...projectOperations,
	...attachmentOperations,
	...reviewOperations,
	...submissionOperations,
	...others
];
