import type { Operation } from '../endpoint';

export const calendarOperations: Operation[] = [];
