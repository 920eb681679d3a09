// Window arithmetic for VirtualList. Pure, so the scrolling maths is unit-tested in Node.
//
// Browsers cap element height (~33.5M px in Chromium, ~17.9M in Firefox), so when
// count * rowHeight exceeds MAX_SCROLL_HEIGHT the scrollbar is compressed: the scroll position
// maps linearly onto the real content offset and rows are placed relative to the viewport.

export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface WindowInput {
  count: number;
  rowHeight: number;
  /** Visible height of the scroll container in px. */
  viewport: number;
  scrollTop: number;
  /** Extra rows rendered above and below the visible ones. */
  overscan?: number;
}

export interface WindowResult {
  /** First rendered index (inclusive). */
  start: number;
  /** Last rendered index (exclusive). */
  end: number;
  /** Height of the scrollable spacer in px (capped). */
  scrollHeight: number;
  /** translateY in px of row `start` inside the spacer. */
  offset: number;
}

/** Real content offset per scroll pixel: 1 unless the list is too tall for the browser. */
export function scrollRatio(count: number, rowHeight: number, viewport: number): number {
  const real = count * rowHeight;
  if (real <= MAX_SCROLL_HEIGHT) return 1;
  return (real - viewport) / Math.max(1, MAX_SCROLL_HEIGHT - viewport);
}

export function computeWindow(input: WindowInput): WindowResult {
  const { count, rowHeight, viewport } = input;
  const overscan = input.overscan ?? 4;
  const real = count * rowHeight;
  const scrollHeight = Math.min(real, MAX_SCROLL_HEIGHT);
  const maxScroll = Math.max(0, scrollHeight - viewport);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxScroll);
  const ratio = scrollRatio(count, rowHeight, viewport);
  const realTop = scrollTop * ratio;
  const first = Math.floor(realTop / rowHeight);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  // Row i sits at (i * rowHeight - realTop) below the viewport top, i.e. at that plus scrollTop
  // inside the spacer. With ratio 1 this is simply start * rowHeight.
  const offset = scrollTop + start * rowHeight - realTop;
  return { start, end, scrollHeight, offset };
}

/** The scrollTop that brings row `index` fully into view, or null if it already is. */
export function scrollToReveal(
  index: number,
  count: number,
  rowHeight: number,
  viewport: number,
  scrollTop: number
): number | null {
  const ratio = scrollRatio(count, rowHeight, viewport);
  const realTop = scrollTop * ratio;
  const rowTop = index * rowHeight;
  if (rowTop < realTop) return rowTop / ratio;
  if (rowTop + rowHeight > realTop + viewport) return (rowTop + rowHeight - viewport) / ratio;
  return null;
}

/** Rows per Page Up/Down: the whole rows that fit in the viewport, at least 1. */
export function pageSize(rowHeight: number, viewport: number): number {
  return Math.max(1, Math.floor(viewport / rowHeight));
}

/** Next active index for a navigation key, or null when the key is not a navigation key. */
export function navigate(key: string, current: number, count: number, page: number): number | null {
  if (count <= 0) return null;
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
