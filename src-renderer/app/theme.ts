import type { ThemePreference } from '../state/ui-slice.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

export function resolveTheme(pref: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  return pref === 'system' ? (systemDark ? 'dark' : 'light') : pref;
}

/** The theme "Toggle theme" switches to: the opposite of what is on screen now. */
export function toggledTheme(pref: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  return resolveTheme(pref, systemDark) === 'dark' ? 'light' : 'dark';
}

export function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'light' || value === 'dark' || value === 'system';
}

/**
 * Puts the resolved theme on <html> (the CSS variables key off it) and, for
 * "system", keeps it in step with the OS. Returns a function that stops following.
 */
export function applyTheme(pref: ThemePreference): () => void {
  const root = document.documentElement;
  const set = () => {
    root.dataset.theme = resolveTheme(pref, systemPrefersDark());
    root.dataset.themePreference = pref;
  };
  set();
  if (pref !== 'system' || typeof matchMedia !== 'function') return () => undefined;
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', set);
  return () => query.removeEventListener('change', set);
}
