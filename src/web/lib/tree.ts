import type { TreeOption } from '../queries/reference';

/** Path of values from a root to the node with `value`, or `[]` when absent. */
export function findPath(nodes: readonly TreeOption[], value: string): string[] {
  for (const node of nodes) {
    if (node.value === value) {
      return [node.value];
    }
    if (node.children) {
      const below = findPath(node.children, value);
      if (below.length > 0) {
        return [node.value, ...below];
      }
    }
  }
  return [];
}

/** Labels along the path to `value`, e.g. `['江苏省', '苏州市', '姑苏区']`. */
export function findLabels(nodes: readonly TreeOption[], value: string): string[] {
  for (const node of nodes) {
    if (node.value === value) {
      return [node.label];
    }
    if (node.children) {
      const below = findLabels(node.children, value);
      if (below.length > 0) {
        return [node.label, ...below];
      }
    }
  }
  return [];
}

/**
 * The tree cut down to one subtree and its ancestors (a city official sees 江苏省 › 苏州市 › …).
 * Returns the whole tree when `value` is not in it (e.g. `000000`, the whole country).
 */
export function scopeTree(nodes: TreeOption[], value: string | null | undefined): TreeOption[] {
  if (!value) {
    return nodes;
  }
  const scoped = cut(nodes, value);
  return scoped.length > 0 ? scoped : nodes;
}

function cut(nodes: readonly TreeOption[], value: string): TreeOption[] {
  for (const node of nodes) {
    if (node.value === value) {
      return [node];
    }
    if (node.children) {
      const below = cut(node.children, value);
      if (below.length > 0) {
        return [{ ...node, children: below }];
      }
    }
  }
  return [];
}
