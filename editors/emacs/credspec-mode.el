;;; credspec-mode.el --- Major mode for credspec specs -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "26.1"))
;; Keywords: languages

;;; Commentary:

;; Highlighting, comments and indentation for credspec specs (*.cred), and an eglot entry that
;; starts the language server (`credspec lsp --stdio').  Install with
;;   (add-to-list 'load-path "/path/to/credspec/editors/emacs")
;;   (require 'credspec-mode)
;; and, for diagnostics, hover and navigation, M-x eglot in a .cred buffer.
;; The keyword lists below are generated from the lexer (grammar/tokens.ts) by
;; scripts/gen-editor-syntax.ts: edit the lexer, then run `npm run editor-syntax'.

;;; Code:

(defgroup credspec nil
  "Editing credspec specs."
  :group 'languages)

(defcustom credspec-indent-offset 2
  "Indentation of a block's statements, in columns."
  :type 'integer
  :group 'credspec)

(defcustom credspec-server-command '("credspec" "lsp" "--stdio")
  "The language server eglot starts for credspec buffers."
  :type '(repeat string)
  :group 'credspec)

;; BEGIN GENERATED KEYWORDS (scripts/gen-editor-syntax.ts)
(defconst credspec-mode--declaration-keywords
  '("spec" "import" "param" "const" "enum" "type" "shared" "thread" "var" "process" "fair" "strong" "weak" "symmetric" "spare" "runs" "procedure" "macro" "def" "invariant" "action" "property" "cover" "variant" "extends" "override" "step" "expect" "sweep" "frame" "fresh" "lock_order")
  "Declaration keywords.")
(defconst credspec-mode--control-keywords
  '("when" "return" "if" "else" "while" "for" "snapshot" "live" "either" "atomic" "await" "assert" "skip" "may" "fail" "clone" "exit" "with" "holds" "deadlock" "violates" "break" "continue" "unreachable")
  "Statement keywords.")
(defconst credspec-mode--operator-keywords
  '("in" "or" "eventually" "always" "leadsto" "forall" "exists" "and" "not" "mod" "any" "where" "union" "inter" "notin" "subseteq")
  "Operator words.")
(defconst credspec-mode--constants
  '("true" "false" "none" "self")
  "Constant words.")
;; END GENERATED KEYWORDS

(defconst credspec-mode--font-lock-keywords
  `((,(regexp-opt credspec-mode--declaration-keywords 'symbols) . font-lock-keyword-face)
    (,(regexp-opt credspec-mode--control-keywords 'symbols) . font-lock-keyword-face)
    (,(regexp-opt credspec-mode--operator-keywords 'symbols) . font-lock-builtin-face)
    (,(regexp-opt credspec-mode--constants 'symbols) . font-lock-constant-face)
    ("\\_<\\(?:0[xX][[:xdigit:]]+\\|[[:digit:]]+\\)\\_>" . font-lock-constant-face)
    ("\\_<\\(?:thread\\|procedure\\|macro\\|def\\|variant\\|spec\\)\\_>[[:space:]]+\\(\\(?:\\sw\\|\\s_\\)+\\)"
     1 font-lock-function-name-face))
  "Highlighting of credspec specs.")

(defvar credspec-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; C-style comments: // to the end of the line, /* ... */ (not nested).
    (modify-syntax-entry ?/ ". 124b" table)
    (modify-syntax-entry ?* ". 23" table)
    (modify-syntax-entry ?\n "> b" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\' "." table)
    table)
  "Syntax table of `credspec-mode'.")

(defun credspec-mode--indent-line ()
  "Indent the current line by the depth of the brackets around it."
  (interactive)
  (let* ((depth (save-excursion (car (syntax-ppss (line-beginning-position)))))
         (closing (save-excursion
                    (back-to-indentation)
                    (looking-at-p "[])}]")))
         (column (* credspec-indent-offset (max 0 (if closing (1- depth) depth)))))
    (if (<= (current-column) (current-indentation))
        (indent-line-to column)
      (save-excursion (indent-line-to column)))))

;;;###autoload
(define-derived-mode credspec-mode prog-mode "credspec"
  "Major mode for credspec specs."
  :syntax-table credspec-mode-syntax-table
  (setq-local font-lock-defaults '(credspec-mode--font-lock-keywords))
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)\\s *")
  (setq-local indent-line-function #'credspec-mode--indent-line))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.cred\\'" . credspec-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(credspec-mode . ,credspec-server-command)))

(provide 'credspec-mode)

;;; credspec-mode.el ends here
