import { m } from '$lib/paraglide/messages';

/** Level names are the same for every country: 0 the country, then admin 1, admin 2… */
export function levelLabel(level: number): string {
	return level === 0 ? m.places_level_country() : m.places_level_admin({ level });
}
