/**
 * Linked namespaces in dependency order: every namespace after the ones it
 * requires, ties broken by name so the order is the same on every machine.
 * A cycle is reported as the chain that closes it ("A → B → A").
 */
export type DependencyOrder = { ok: true; order: string[] } | { ok: false; cycle: string[] };

export function dependencyOrder(requires: ReadonlyMap<string, readonly string[]>): DependencyOrder {
  const order: string[] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (name: string): string[] | null => {
    if (done.has(name)) return null;
    const at = onPath.indexOf(name);
    if (at >= 0) return [...onPath.slice(at), name];
    onPath.push(name);
    for (const dep of [...(requires.get(name) ?? [])].sort()) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(name);
    order.push(name);
    return null;
  };
  for (const name of [...requires.keys()].sort()) {
    const cycle = visit(name);
    if (cycle) return { ok: false, cycle };
  }
  return { ok: true, order };
}

/**
 * How `target` is reached from a namespace nothing requires, for an error
 * message: `["App", "Lib", "Core"]` when App requires Lib and Lib requires
 * Core. The first requirer by name is followed, so the chain is stable.
 */
export function chainTo(target: string, requires: ReadonlyMap<string, readonly string[]>): string[] {
  const chain = [target];
  const seen = new Set(chain);
  for (;;) {
    const head = chain[0] ?? target;
    const requirer = [...requires.entries()]
      .filter(([name, deps]) => deps.includes(head) && !seen.has(name))
      .map(([name]) => name)
      .sort()[0];
    if (!requirer) return chain;
    chain.unshift(requirer);
    seen.add(requirer);
  }
}
