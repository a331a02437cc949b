/**
 * Roll-up of a task tree (pure): a leaf's `done` is its reported figure (or what the platform
 * counted for a metric task); a parent's `done` is the sum of its children's. A leaf's progress is
 * its reported progress, else done/target; a parent's is its children's progress weighted by their
 * targets (a plain mean when no child has a target). See ADR 0014.
 */

/** A task as the roll-up needs it. */
export interface RollupNode {
  id: string;
  parentId: string | null;
  target: number;
  status: string;
  dueOn: string;
  reportedProgress: number | null;
  reportedDone: number | null;
  /** Counted by the platform metric (leaves with a metric); overrides `reportedDone`. */
  countedDone?: number;
}

/** Roll-up figures of one task. */
export interface RollupFigures {
  done: number;
  progress: number;
  childCount: number;
  isOverdue: boolean;
  /** Overdue tasks in the subtree, the task itself included. */
  overdueCount: number;
}

/** True when the task is past its due date (business date `today`) and not completed. */
export function isTaskOverdue(task: { status: string; dueOn: string }, today: string): boolean {
  return task.status !== 'completed' && task.dueOn < today;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Figures of every task of a tree (or forest), keyed by id. Children of unknown parents are roots. */
export function rollUp(nodes: readonly RollupNode[], today: string): Map<string, RollupFigures> {
  const children = new Map<string, RollupNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) {
    if (node.parentId !== null && ids.has(node.parentId)) {
      const list = children.get(node.parentId) ?? [];
      list.push(node);
      children.set(node.parentId, list);
    }
  }
  const out = new Map<string, RollupFigures>();
  // Iterative post-order: trees may be deep enough (部→省→市→县 is four, but nothing forbids more).
  const visit = (root: RollupNode) => {
    const stack: { node: RollupNode; isExpanded: boolean }[] = [{ node: root, isExpanded: false }];
    while (stack.length > 0) {
      const top = stack.pop()!;
      const kids = children.get(top.node.id) ?? [];
      if (!top.isExpanded && kids.length > 0) {
        stack.push({ node: top.node, isExpanded: true });
        for (const kid of kids) stack.push({ node: kid, isExpanded: false });
        continue;
      }
      const isOverdue = isTaskOverdue(top.node, today);
      if (kids.length === 0) {
        const done = top.node.countedDone ?? top.node.reportedDone ?? 0;
        const progress = top.node.status === 'completed' ? 1 : top.node.reportedProgress ?? (top.node.target > 0 ? clamp01(done / top.node.target) : 0);
        out.set(top.node.id, { done, progress, childCount: 0, isOverdue, overdueCount: isOverdue ? 1 : 0 });
        continue;
      }
      let done = 0;
      let weighted = 0;
      let weights = 0;
      let sum = 0;
      let overdueCount = isOverdue ? 1 : 0;
      for (const kid of kids) {
        const f = out.get(kid.id)!;
        done += f.done;
        sum += f.progress;
        weighted += f.progress * kid.target;
        weights += kid.target;
        overdueCount += f.overdueCount;
      }
      const progress = top.node.status === 'completed' ? 1 : weights > 0 ? weighted / weights : sum / kids.length;
      out.set(top.node.id, { done, progress: clamp01(progress), childCount: kids.length, isOverdue, overdueCount });
    }
  };
  for (const node of nodes) {
    if (node.parentId === null || !ids.has(node.parentId)) visit(node);
  }
  return out;
}
