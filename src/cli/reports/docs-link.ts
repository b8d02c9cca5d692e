// Where a SARIF rule's help and the tool's information link to: the documentation page at the
// package's public repository, as package.json names it (`homepage`, else `repository`), on
// https only. A local path (`file://`) is never a link: code scanning shows it to people on
// other machines. Without a public address a rule has no link; its help text stands alone.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../driver/package-root.js';

/** The link of `docs/<page>#<anchor>`, or undefined when the package has no public address. */
export type DocsLink = (page: string, anchor: string) => string | undefined;

/** The fields of a package.json that name where the package lives. */
export interface PackageAddress {
  readonly homepage?: unknown;
  readonly repository?: unknown;
}

/** The repository's https address (`git+https://github.com/o/r.git` as `https://github.com/o/r`). */
function httpsBase(pkg: PackageAddress): string | undefined {
  const repo =
    typeof pkg.repository === 'string'
      ? pkg.repository
      : typeof pkg.repository === 'object' && pkg.repository !== null && 'url' in pkg.repository
        ? pkg.repository.url
        : undefined;
  for (const candidate of [pkg.homepage, repo]) {
    if (typeof candidate !== 'string') continue;
    const url = candidate
      .replace(/^git\+/, '')
      .replace(/\.git$/, '')
      .replace(/#.*$/, '')
      .replace(/\/+$/, '');
    if (/^https:\/\/[^/\s]+\/\S+$/.test(url)) return url;
  }
  return undefined;
}

/** The docs links of a package with the fields `pkg`: `<base>/blob/main/docs/<page>#<anchor>`. */
export function docsLinkOf(pkg: PackageAddress): DocsLink {
  const base = httpsBase(pkg);
  return (page, anchor) =>
    base === undefined ? undefined : `${base}/blob/main/docs/${page}#${anchor}`;
}

/** `{ [key]: uri }`, or nothing when there is no link: to spread into a SARIF object. */
export function withUri<K extends string>(key: K, uri: string | undefined): { [k in K]?: string } {
  return uri === undefined ? {} : ({ [key]: uri } as { [k in K]?: string });
}

/** The docs links of this installation's package.json. */
export function packageDocsLink(): DocsLink {
  try {
    return docsLinkOf(
      JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageAddress,
    );
  } catch {
    return docsLinkOf({});
  }
}
