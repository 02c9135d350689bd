/**
 * Named places keyboard commands can move focus to (the filter box, the item
 * list, the editor). Components register their element; commands focus it by
 * name without reaching into the component tree.
 */
export type FocusTarget = 'filter' | 'list' | 'editor' | 'branch-switcher';

const targets = new Map<FocusTarget, () => void>();

export function registerFocusTarget(name: FocusTarget, focus: () => void): () => void {
  targets.set(name, focus);
  return () => {
    if (targets.get(name) === focus) targets.delete(name);
  };
}

export function focusTarget(name: FocusTarget): boolean {
  const focus = targets.get(name);
  if (!focus) return false;
  focus();
  return true;
}
