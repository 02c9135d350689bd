/**
 * SQL for the ops that name `parent` (an SQL expression) among their parents,
 * found by the GIN index on ops.parents (migration 005); use it as a table:
 * `FROM ${childrenOf('o.id')} c WHERE c.branch_id = …`.
 *
 * OFFSET 0 keeps the lookup a plan of its own. Without it the planner may AND
 * the GIN index with ops_pull for the branch condition, and on a young store
 * (few rows when last analyzed) it did: every lookup read the whole branch,
 * and a 100,000-op push took 25 s instead of 4. The push function in
 * migration 005 spells out the same subquery.
 */
export function childrenOf(parent: string): string {
  return `(SELECT * FROM ops WHERE parents @> ARRAY[${parent}] OFFSET 0)`;
}
