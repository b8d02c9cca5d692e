" Vim syntax file for credspec specs (*.cred).
" Generated from grammar/tokens.ts by scripts/gen-editor-syntax.ts. Do not edit by hand.

if exists('b:current_syntax')
  finish
endif

syn keyword credspecDeclaration spec import param const enum type shared thread var
syn keyword credspecDeclaration process fair strong weak symmetric spare runs procedure
syn keyword credspecDeclaration macro def invariant action property cover variant extends
syn keyword credspecDeclaration override step expect sweep frame fresh lock_order
syn keyword credspecControl when return if else while for snapshot live either atomic
syn keyword credspecControl await assert skip may fail clone exit with holds deadlock
syn keyword credspecControl violates break continue unreachable
syn keyword credspecOperatorWord in or eventually always leadsto forall exists and not mod
syn keyword credspecOperatorWord any where union inter notin subseteq
syn keyword credspecConstant true false none self

syn keyword credspecTodo contained TODO FIXME XXX NOTE
syn match credspecNumber "\<\(0[xX][0-9a-fA-F]\+\|[0-9]\+\)\>"
syn region credspecString start=+"+ skip=+\\.+ end=+"+ end=+$+ oneline
syn region credspecDocComment start="/\*\*\(/\)\@!" end="\*/" contains=credspecTodo
syn region credspecComment start="/\*\(\*\(/\)\@!\)\@!" end="\*/" contains=credspecTodo
syn match credspecLineComment "//.*$" contains=credspecTodo

hi def link credspecDeclaration Keyword
hi def link credspecControl Statement
hi def link credspecOperatorWord Operator
hi def link credspecConstant Constant
hi def link credspecTodo Todo
hi def link credspecNumber Number
hi def link credspecString String
hi def link credspecDocComment SpecialComment
hi def link credspecComment Comment
hi def link credspecLineComment Comment

let b:current_syntax = 'credspec'
