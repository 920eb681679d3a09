// Keyboard model of the WAI-ARIA tabs pattern (horizontal, wrapping, skipping disabled tabs).
import type { TabItem } from './types';

export function nextTab(tabs: readonly TabItem[], current: number, key: string): number | null {
  const enabled = tabs.map((t, i) => (t.disabled ? -1 : i)).filter((i) => i >= 0);
  if (enabled.length === 0) return null;
  const pos = enabled.indexOf(current);
  switch (key) {
    case 'ArrowRight':
      return enabled[(pos + 1) % enabled.length];
    case 'ArrowLeft':
      return enabled[(pos - 1 + enabled.length) % enabled.length];
    case 'Home':
      return enabled[0];
    case 'End':
      return enabled[enabled.length - 1];
    default:
      return null;
  }
}
