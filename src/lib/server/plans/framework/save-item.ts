/** One entry point for a framework form: create when no id is given, update otherwise. */
import type { Ctx } from '../../context';
import type { Level } from './codes';
import {
	createActivity,
	createClusterObjective,
	createIndicator,
	createStrategicObjective,
	updateActivity,
	updateClusterObjective,
	updateIndicator,
	updateStrategicObjective
} from './items';

export async function saveItem(
	ctx: Ctx,
	planId: string,
	clusterCode: string,
	level: Level,
	values: Record<string, unknown>
): Promise<{ id: string; code: string }> {
	const id = typeof values.id === 'string' && values.id ? values.id : null;
	switch (level) {
		case 'strategic-objective':
			return id ? updateStrategicObjective(ctx, id, values) : createStrategicObjective(ctx, planId, values);
		case 'cluster-objective':
			return id
				? updateClusterObjective(ctx, id, values)
				: createClusterObjective(ctx, planId, clusterCode, values);
		case 'activity':
			return id ? updateActivity(ctx, id, values) : createActivity(ctx, planId, clusterCode, values);
		case 'indicator':
			return id ? updateIndicator(ctx, id, values) : createIndicator(ctx, planId, clusterCode, values);
	}
}
