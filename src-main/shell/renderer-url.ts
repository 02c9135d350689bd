/**
 * Is `url` our renderer page? Used for the trusted-sender check on IPC and to
 * refuse navigation. Only the same file: path counts; hash and query may
 * differ (client-side routes).
 */
export function isRendererUrl(url: string, indexUrl: string): boolean {
  let actual: URL;
  let expected: URL;
  try {
    actual = new URL(url);
    expected = new URL(indexUrl);
  } catch {
    return false;
  }
  return (
    actual.protocol === 'file:' && actual.host === expected.host && actual.pathname === expected.pathname
  );
}
