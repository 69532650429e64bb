/**
 * Where a chapter sits — its plan and its cluster's code — so that the API can address a chapter by
 * its id alone (`/plan-chapters/{id}`) and still go through chapters.ts, which checks who may read
 * or write it.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { cluster, planChapter, planCluster } from '../db/schema';
import { NotFoundError } from '../errors';
import { isId } from '../directory/schema';

export async function chapterPlace(
	db: Executor,
	id: string
): Promise<{ planId: string; clusterCode: string }> {
	if (!isId(id)) throw new NotFoundError();
	const [row] = await db
		.select({ planId: planCluster.planId, clusterCode: cluster.code })
		.from(planChapter)
		.innerJoin(planCluster, eq(planCluster.id, planChapter.planClusterId))
		.innerJoin(cluster, eq(cluster.id, planCluster.clusterId))
		.where(eq(planChapter.id, id));
	if (!row) throw new NotFoundError();
	return row;
}
