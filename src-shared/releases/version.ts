import semver from 'semver';

/**
 * Release versions are semver, written canonically ("1.2.3", "2.0.0-rc.1"),
 * without a leading "v": the same number always reads the same, so the
 * server's one-version-once rule cannot be dodged by spelling it differently.
 */
export function isReleaseVersion(text: string): boolean {
  return semver.valid(text) === text;
}

/** Sorts versions newest first (semver precedence). */
export function newestFirst(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => semver.rcompare(a, b));
}

/**
 * The version to offer someone whose version is already used: the next free
 * patch in the same major.minor line, above every used version of that line.
 * A patch never reorders other people's releases, and is free by construction.
 */
export function offerNextVersion(wanted: string, used: readonly string[]): string {
  const line = `${semver.major(wanted)}.${semver.minor(wanted)}`;
  let next = semver.inc(wanted, 'patch') ?? '0.0.1';
  const taken = new Set(used);
  for (const version of used) {
    const sameLine = `${semver.major(version)}.${semver.minor(version)}` === line;
    if (sameLine && semver.gte(version, next)) next = semver.inc(version, 'patch') ?? next;
  }
  while (taken.has(next)) next = semver.inc(next, 'patch') ?? next;
  return next;
}
