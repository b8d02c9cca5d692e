// Every relative link in README.md and docs/*.md leads somewhere: the file is in the
// repository, and a `#anchor` names a heading of the page it points to, as GitHub spells it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Fenced blocks hold examples, not headings or links. */
function withoutFences(text: string): string {
  return text.replace(/^```[\s\S]*?^```$/gm, '');
}

/** The link targets of a page's prose (inline code holds examples too). */
function links(text: string): string[] {
  return [
    ...withoutFences(text)
      .replace(/`[^`\n]*`/g, '')
      .matchAll(/\]\(([^)\s]+)\)/g),
  ].flatMap((m) => m[1] ?? []);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to `-`, repeats numbered. */
function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const m of withoutFences(text).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const base = (m[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

function broken(page: string): string[] {
  const text = readFileSync(join(ROOT, page), 'utf8');
  return links(text)
    .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link))
    .flatMap((link) => {
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), path);
      if (!target.startsWith(ROOT) || !existsSync(target)) return [`${page}: ${link} (no file)`];
      if (anchor === undefined || !target.endsWith('.md')) return [];
      const ok = anchors(readFileSync(target, 'utf8')).has(anchor);
      return ok ? [] : [`${page}: ${link} (no heading #${anchor} in ${relative(ROOT, target)})`];
    });
}

test('the pages have relative links to check', () => {
  expect(PAGES.flatMap((p) => links(readFileSync(join(ROOT, p), 'utf8'))).length).toBeGreaterThan(
    20,
  );
});

test.each(PAGES)('every relative link in %s resolves to a file and a heading', (page) => {
  expect(broken(page)).toEqual([]);
});

test('a heading anchor is spelt as GitHub spells it', () => {
  expect([...anchors('# A `b.c` (d/e)\n## A `b.c` (d/e)\n')]).toEqual(['a-bc-de', 'a-bc-de-1']);
});

test('no page, shipped spec or prelude cites files a user of the package does not have', () => {
  const shipped = [
    ...PAGES,
    ...readdirSync(join(ROOT, 'specs')).map((f) => `specs/${f}`),
    ...readdirSync(join(ROOT, 'prelude')).map((f) => `prelude/${f}`),
  ].filter((f) => /\.(md|cred)$/.test(f));
  const cited = shipped.flatMap((f) =>
    readFileSync(join(ROOT, f), 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        /protocols\.md|\bseeds?\/|\bseed ?0\d\d\b/i.test(line)
          ? [`${f}:${i + 1}: ${line.trim()}`]
          : [],
      ),
  );
  expect(cited).toEqual([]);
});
