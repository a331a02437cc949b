import { useState } from 'react';

/** Prev/next paging over cursor pages: a stack of the cursors that opened each page. */
export interface CursorPages {
  /** Cursor of the current page (undefined on the first). */
  cursor: string | undefined;
  /** 1-based number of the current page. */
  pageNumber: number;
  hasPrev: boolean;
  next: (nextCursor: string) => void;
  prev: () => void;
}

/**
 * Keeps the cursor stack. A new `resetKey` (e.g. the serialised filters) starts again from page 1
 * in the same render, so a cursor is never sent with filters it was not made for.
 */
export function useCursorPages(resetKey = ''): CursorPages {
  const [state, setState] = useState<{ key: string; stack: (string | undefined)[] }>({ key: resetKey, stack: [undefined] });
  const stack = state.key === resetKey ? state.stack : [undefined];
  return {
    cursor: stack[stack.length - 1],
    pageNumber: stack.length,
    hasPrev: stack.length > 1,
    next: (nextCursor) => setState({ key: resetKey, stack: [...stack, nextCursor] }),
    prev: () => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
  };
}
