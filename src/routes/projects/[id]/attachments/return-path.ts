/**
 * Where the attachment forms send the user back: the page the form was on, given as `?back=`, if it
 * is one of this project's pages (the project page, a step of its sheet editor); the project page
 * otherwise. Only a plain path of this project is taken, so the redirect cannot lead elsewhere.
 */
export function returnPath(url: URL, projectId: string): string {
	const home = `/projects/${projectId}`;
	const back = url.searchParams.get('back');
	if (back && /^(\/[\w-]+)*$/.test(back.slice(home.length)) && back.startsWith(home)) return back;
	return home;
}

/** The page again, with what happened (`attachment=added`, `attachmentError=too-large`…) and at the list. */
export function returnTo(url: URL, projectId: string, outcome: string): string {
	return `${returnPath(url, projectId)}?${outcome}#attachments`;
}
