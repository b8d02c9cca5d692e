// credspec-mode.el byte-compiles and loads in a batch Emacs, highlights a shipped spec's
// keywords and comments with the faces it promises, and registers the server with eglot.
// Skipped by name where there is no emacs.

import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDirs } from '../support/scratch-dirs.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const hasEmacs = spawnSync('emacs', ['--version']).status === 0;
const NO_EMACS = hasEmacs ? '' : ' (skipped: no emacs on this machine)';
const scratch = scratchDirs();

(hasEmacs ? test : test.skip)(
  `emacs byte-compiles credspec-mode and highlights a shipped spec${NO_EMACS}`,
  () => {
    const dir = scratch('credspec-emacs-');
    copyFileSync(join(REPO, 'editors/emacs/credspec-mode.el'), join(dir, 'credspec-mode.el'));
    const spec = join(REPO, 'specs/exectime.cred');
    const program = `
(progn
  (unless (byte-compile-file ${JSON.stringify(join(dir, 'credspec-mode.el'))}) (kill-emacs 3))
  (require 'credspec-mode)
  (find-file ${JSON.stringify(spec)})
  (font-lock-ensure)
  (let ((face-at (lambda (needle)
                   (goto-char (point-min))
                   (search-forward needle)
                   (get-text-property (match-beginning 0) 'face))))
    (princ (format "%s %s %s %s\\n" major-mode
                   (funcall face-at "spec exectime")
                   (funcall face-at "// Exec-time")
                   (funcall face-at "union Sibling"))))
  (when (require 'eglot nil t)
    (princ (format "%s\\n" (assq 'credspec-mode eglot-server-programs)))))`;
    const r = spawnSync('emacs', ['-Q', '--batch', '-L', dir, '--eval', program], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    const [modeLine = '', eglotLine] = r.stdout.trim().split('\n');
    expect(modeLine).toMatch(
      /^credspec-mode font-lock-keyword-face font-lock-comment(-delimiter)?-face font-lock-builtin-face$/,
    );
    if (eglotLine !== undefined) expect(eglotLine).toBe('(credspec-mode credspec lsp --stdio)');
  },
);
