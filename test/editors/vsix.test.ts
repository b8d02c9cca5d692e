// The VS Code extension packages from the repository (scripts/package-vsix.ts) into a .vsix that
// VS Code can install: the OPC content types, a manifest naming the extension as its package.json
// does, the grammar, the language configuration, the client and every package the client needs.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { packageVsix } from '../../scripts/package-vsix.js';
import { TEXTMATE_PATH } from '../../scripts/gen-editor-syntax.js';
import { scratchDirs } from '../support/scratch-dirs.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const scratch = scratchDirs();

interface Manifest {
  PackageManifest: {
    Metadata: {
      Identity: { Id: string; Version: string; Publisher: string };
      Properties: { Property: { Id: string; Value: string }[] };
    };
    Installation: { InstallationTarget: { Id: string } };
    Assets: { Asset: { Type: string; Path: string }[] };
  };
}

/**
 * The package.json of every package the client needs, each resolved from the package that needs
 * it as node resolves it, as paths after their last node_modules/; all must lie in `unpacked`.
 */
function packagesReachable(fromClient: NodeJS.Require, unpacked: string): string[] {
  // Each package's own dependencies resolve from its folder, without the repository's node_modules.
  const pending = [{ name: 'vscode-languageclient', from: fromClient }];
  const seen = new Set<string>();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    // The entry point as node resolves it (a package's exports may hide its package.json).
    const entry = next.from.resolve(next.name);
    expect(entry.startsWith(unpacked)).toBe(true);
    const marker = `node_modules/${next.name}/`;
    const pkgFile = entry.slice(0, entry.lastIndexOf(marker) + marker.length) + 'package.json';
    if (seen.has(pkgFile)) continue;
    seen.add(pkgFile);
    const deps = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { dependencies?: object })
      .dependencies;
    const from = createRequire(pkgFile);
    pending.push(...Object.keys(deps ?? {}).map((name) => ({ name, from })));
  }
  return [...seen].map((f) => f.split('node_modules/').at(-1) ?? f);
}

describe('the .vsix', () => {
  const dir = scratch('credspec-vsix-');
  const out = join(dir, 'credspec.vsix');
  let entries: Record<string, Uint8Array>;
  const text = (path: string) => new TextDecoder().decode(entries[path]);

  // Zipping a few hundred files takes seconds on a loaded machine.
  beforeAll(() => {
    packageVsix(out, REPO);
    entries = unzipSync(readFileSync(out));
  }, 120_000);

  test('its manifest names the extension, its engine and assets that are in the zip', () => {
    const ext = JSON.parse(readFileSync(join(REPO, 'editors/vscode/package.json'), 'utf8')) as {
      name: string;
      version: string;
      publisher: string;
      engines: { vscode: string };
    };
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const manifest = (parser.parse(text('extension.vsixmanifest')) as Manifest).PackageManifest;
    expect(manifest.Metadata.Identity).toMatchObject({
      Id: ext.name,
      Version: ext.version,
      Publisher: ext.publisher,
    });
    expect(manifest.Installation.InstallationTarget.Id).toBe('Microsoft.VisualStudio.Code');
    expect(manifest.Metadata.Properties.Property).toContainEqual({
      Id: 'Microsoft.VisualStudio.Code.Engine',
      Value: ext.engines.vscode,
    });
    const assets = manifest.Assets.Asset;
    expect(assets).toContainEqual({
      Type: 'Microsoft.VisualStudio.Code.Manifest',
      Path: 'extension/package.json',
      Addressable: 'true',
    });
    for (const asset of assets) expect(Object.keys(entries)).toContain(asset.Path);
  });

  test('its content types cover every file in it', () => {
    const types = text('[Content_Types].xml');
    for (const path of Object.keys(entries)) {
      if (path === '[Content_Types].xml') continue;
      const ext = /\.[^./]+$/.exec(path)?.[0].toLowerCase();
      expect(types).toContain(
        ext === undefined ? `PartName="/${path}"` : `Default Extension="${ext}"`,
      );
    }
  });

  test('it holds the grammar, the language configuration and the client, as in the repository', () => {
    expect(text('extension/syntaxes/credspec.tmLanguage.json')).toBe(
      readFileSync(join(REPO, TEXTMATE_PATH), 'utf8'),
    );
    const pkg = JSON.parse(text('extension/package.json')) as {
      main: string;
      contributes: { grammars: { path: string }[]; languages: { configuration: string }[] };
    };
    const inZip = (p: string) => `extension/${p.replace(/^\.\//, '')}`;
    expect(Object.keys(entries)).toContain(inZip(pkg.main));
    expect(Object.keys(entries)).toContain(inZip(pkg.contributes.grammars[0]?.path ?? ''));
    expect(Object.keys(entries)).toContain(
      inZip(pkg.contributes.languages[0]?.configuration ?? ''),
    );
    expect(text(inZip(pkg.main))).toContain("'lsp', '--stdio'");
  });

  test('the client library and all it requires resolve inside the unpacked extension', () => {
    const unpacked = scratch('credspec-vsix-unpacked-');
    for (const [path, data] of Object.entries(entries)) {
      const file = join(unpacked, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
    }
    const fromClient = createRequire(join(unpacked, 'extension', 'extension.js'));
    const client = fromClient.resolve('vscode-languageclient/node');
    expect(client.startsWith(join(unpacked, 'extension', 'node_modules'))).toBe(true);
    const names = packagesReachable(fromClient, unpacked);
    expect(names).toContain('vscode-languageserver-protocol/package.json');
    expect(names).toContain('vscode-jsonrpc/package.json');
  });
});
