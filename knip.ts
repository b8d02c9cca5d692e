// Dead code: files, dependencies and exports nothing uses. An export used in its own file is not
// dead (only its `export` is unneeded), so those are not reported.

export default {
  entry: [
    'src/cli/commands/main.ts',
    'scripts/*.{ts,mjs}',
    'bench/*.{ts,mjs}',
  ],
  project: [
    'grammar/**/*.ts',
    'src/**/*.{ts,tsx}',
    'test/**/*.{ts,tsx,cjs}',
    'bench/**/*.{ts,mjs}',
    'scripts/**/*.{ts,mjs}',
  ],
  ignoreExportsUsedInFile: true,
  // Programs the tests start when the machine has them, not npm packages.
  ignoreBinaries: ['emacs', 'java', 'mkfifo', 'nvim', 'vim'],
  // The VS Code extension's client library: scripts/package-vsix.ts copies it into the .vsix,
  // where editors/vscode/extension.js requires it; nothing in the repository imports it.
  ignoreDependencies: ['vscode-languageclient'],
};
