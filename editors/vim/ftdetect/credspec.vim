" credspec specs: *.cred
autocmd BufRead,BufNewFile *.cred setfiletype credspec
