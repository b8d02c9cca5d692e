// SARIF help links (src/cli/reports/docs-link.ts): the docs page at the repository package.json
// names, in the forms npm accepts, and never a local path.

import { docsLinkOf } from '../../src/cli/reports/docs-link.js';

test('the repository, in its npm forms, gives the page on its main branch', () => {
  const page = 'https://github.com/o/credspec/blob/main/docs/cli.md#sarif-for-code-scanning';
  for (const repository of [
    'https://github.com/o/credspec',
    'git+https://github.com/o/credspec.git',
    { type: 'git', url: 'git+https://github.com/o/credspec.git' },
  ])
    expect(docsLinkOf({ repository })('cli.md', 'sarif-for-code-scanning')).toBe(page);
  // The homepage wins over the repository.
  expect(
    docsLinkOf({ homepage: 'https://example.org/credspec/', repository: 'https://x.org/y' })(
      'diagnostics.md',
      'cs2001',
    ),
  ).toBe('https://example.org/credspec/blob/main/docs/diagnostics.md#cs2001');
});

test('no address, or one that is not https, gives no link', () => {
  for (const pkg of [
    {},
    { repository: 'file:///home/me/credspec' },
    { homepage: 'http://example.org/credspec' },
    { repository: 'github:o/credspec' },
    { repository: { url: 42 } },
  ])
    expect(docsLinkOf(pkg)('cli.md', 'x')).toBeUndefined();
});
