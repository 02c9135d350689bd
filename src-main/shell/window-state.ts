import { z } from 'zod';

/** The main window's size and place, kept in userData between runs. */
export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** A missing or damaged file just means "use the defaults": it only holds a window size. */
export function parseWindowState(text: string | null): WindowState {
  if (text === null) return DEFAULT_WINDOW_STATE;
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Keeps the saved place only if enough of the window would be visible on a
 * display that exists now (a monitor may have been unplugged); otherwise
 * the OS centres it. The size shrinks to fit the largest work area.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b), {
    x: 0,
    y: 0,
    width: DEFAULT_WINDOW_STATE.width,
    height: DEFAULT_WINDOW_STATE.height,
  });
  const width = Math.min(state.width, largest.width);
  const height = Math.min(state.height, largest.height);
  if (state.x === undefined || state.y === undefined) return { width, height, maximized: state.maximized };
  const rect = { x: state.x, y: state.y, width, height };
  const visible = workAreas.some((area) => overlap(rect, area) >= Math.min(width * height, 200 * 100) / 2);
  return visible ? { ...rect, maximized: state.maximized } : { width, height, maximized: state.maximized };
}
