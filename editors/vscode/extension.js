// The VS Code client of the credspec language server: starts `credspec lsp --stdio` (the program
// named by the `credspec.server.command` setting) for *.cred files. Everything else (diagnostics,
// hover, navigation, code lenses) comes from the server.
const { window, workspace } = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate() {
  const command = workspace.getConfiguration('credspec').get('server.command', 'credspec');
  // No `transport`: the client would append its own `--stdio`; the server wants it after `lsp`.
  const server = { command, args: ['lsp', '--stdio'] };
  client = new LanguageClient(
    'credspec',
    'credspec language server',
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: 'file', language: 'credspec' }],
      synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.cred') },
    },
  );
  client.start().catch((error) => {
    window.showErrorMessage(
      `credspec: could not start \`${command} lsp --stdio\` (${error.message}); set credspec.server.command`,
    );
  });
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
