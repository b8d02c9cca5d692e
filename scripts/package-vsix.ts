// Packages the VS Code extension (editors/vscode/) as a .vsix, offline and from the repository:
//   npm run package-vsix [-- OUT.vsix]        (default: dist/credspec-<version>.vsix)
// vsce would need the extension folder to have its own installed node_modules (it runs
// `npm list --production` there) or a bundler; instead the extension's runtime dependencies
// (vscode-languageclient, pinned in the root package.json to the same version) are copied from
// the repository's node_modules, and the zip is laid out as vsce lays it: [Content_Types].xml,
// extension.vsixmanifest, and the extension under extension/.

import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';
import { packageRoot } from '../src/driver/package-root.js';

/** The extension's own files (the grammar is generated: scripts/gen-editor-syntax.ts). */
const EXTENSION_FILES = [
  'package.json',
  'extension.js',
  'language-configuration.json',
  'syntaxes/credspec.tmLanguage.json',
  'README.md',
];

interface ExtensionManifest {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly version: string;
  readonly publisher: string;
  readonly engines: { readonly vscode: string };
  readonly categories: readonly string[];
  readonly dependencies: Readonly<Record<string, string>>;
}

interface PackageJson {
  readonly version: string;
  readonly dependencies?: Readonly<Record<string, string>>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Where `name` resolves from `fromDir` as node resolves it: the nearest node_modules up to `root`. */
function resolvePackageDir(name: string, fromDir: string, root: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', ...name.split('/'));
    try {
      if (statSync(join(candidate, 'package.json')).isFile()) return candidate;
    } catch {
      // not here: try the folder above
    }
    if (dir === root || dirname(dir) === dir)
      throw new Error(`${name} is not installed (run npm ci)`);
  }
}

/** Every folder of the dependencies' closure, each as its path under the repository root. */
function dependencyDirs(deps: Readonly<Record<string, string>>, root: string): string[] {
  const found = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = resolvePackageDir(name, fromDir, root);
    if (found.has(dir)) return;
    found.add(dir);
    for (const dep of Object.keys(
      readJson<PackageJson>(join(dir, 'package.json')).dependencies ?? {},
    ))
      visit(dep, dir);
  };
  for (const name of Object.keys(deps)) visit(name, root);
  return [...found].sort();
}

/**
 * The files of a package, without its nested node_modules (those it needs are visited on their
 * own), source maps and type declarations (VS Code runs the JavaScript only).
 */
function packageFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...packageFiles(path));
    } else if (entry.isFile() && !/\.(map|d\.ts)$/.test(entry.name)) files.push(path);
  }
  return files;
}

function xmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function vsixManifest(ext: ExtensionManifest): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${xmlText(ext.name)}" Version="${xmlText(ext.version)}" Publisher="${xmlText(ext.publisher)}" />
    <DisplayName>${xmlText(ext.displayName)}</DisplayName>
    <Description xml:space="preserve">${xmlText(ext.description)}</Description>
    <Tags>credspec</Tags>
    <Categories>${xmlText(ext.categories.join(','))}</Categories>
    <GalleryFlags>Public</GalleryFlags>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${xmlText(ext.engines.vscode)}" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionDependencies" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionPack" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace" />
      <Property Id="Microsoft.VisualStudio.Code.LocalizedLanguages" Value="" />
    </Properties>
    <License>extension/LICENSE.txt</License>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
    <Asset Type="Microsoft.VisualStudio.Services.Content.Details" Path="extension/README.md" Addressable="true" />
    <Asset Type="Microsoft.VisualStudio.Services.Content.License" Path="extension/LICENSE.txt" Addressable="true" />
  </Assets>
</PackageManifest>
`;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.js': 'application/javascript',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
  '.vsixmanifest': 'text/xml',
};

/**
 * [Content_Types].xml, as the OPC format wants: one Default per file extension in the package,
 * and an Override for each file that has none (a package's LICENSE).
 */
function contentTypes(paths: readonly string[]): string {
  const exts = [...new Set(paths.map((p) => extname(p).toLowerCase()).filter((e) => e !== ''))];
  const defaults = exts
    .sort()
    .map(
      (ext) =>
        `<Default Extension="${xmlText(ext)}" ContentType="${CONTENT_TYPES[ext] ?? 'application/octet-stream'}"/>`,
    );
  const overrides = paths
    .filter((p) => extname(p) === '')
    .map((p) => `<Override PartName="/${xmlText(p)}" ContentType="application/octet-stream"/>`);
  return `<?xml version="1.0" encoding="utf-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${[...defaults, ...overrides].join('')}</Types>\n`;
}

/** The .vsix's entries, by path in the zip. */
export function vsixEntries(root: string = packageRoot()): Map<string, Uint8Array> {
  const extDir = join(root, 'editors', 'vscode');
  const ext = readJson<ExtensionManifest>(join(extDir, 'package.json'));
  const rootPkg = readJson<PackageJson & { devDependencies?: Record<string, string> }>(
    join(root, 'package.json'),
  );
  for (const [name, version] of Object.entries(ext.dependencies)) {
    const pinned = rootPkg.devDependencies?.[name] ?? rootPkg.dependencies?.[name];
    if (pinned !== version)
      throw new Error(
        `editors/vscode wants ${name} ${version}; package.json pins ${pinned ?? 'none'}`,
      );
  }
  const files = new Map<string, Uint8Array>();
  for (const file of EXTENSION_FILES)
    files.set(`extension/${file}`, readFileSync(join(extDir, file)));
  files.set('extension/LICENSE.txt', readFileSync(join(root, 'LICENSE')));
  for (const dir of dependencyDirs(ext.dependencies, root))
    for (const file of packageFiles(dir))
      files.set(`extension/${relative(root, file).split(sep).join('/')}`, readFileSync(file));
  const entries = new Map<string, Uint8Array>();
  const manifest = vsixManifest(ext);
  entries.set('extension.vsixmanifest', Buffer.from(manifest));
  entries.set(
    '[Content_Types].xml',
    Buffer.from(contentTypes(['extension.vsixmanifest', ...files.keys()])),
  );
  for (const [path, data] of files) entries.set(path, data);
  return entries;
}

/** Writes the .vsix to `out` and returns how many files it holds. */
export function packageVsix(out: string, root: string = packageRoot()): number {
  const entries = vsixEntries(root);
  // A fixed date: the same tree gives the same bytes.
  const mtime = new Date('2020-01-01T00:00:00Z');
  const zip = zipSync(
    Object.fromEntries([...entries].map(([path, data]) => [path, [data, { mtime }]])),
    { level: 6 },
  );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  return entries.size;
}

function main(): void {
  const root = packageRoot();
  const version = readJson<ExtensionManifest>(
    join(root, 'editors', 'vscode', 'package.json'),
  ).version;
  const out = process.argv[2] ?? join(root, 'dist', `credspec-${version}.vsix`);
  const count = packageVsix(out, root);
  console.log(`wrote ${out} (${count} files)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
