-- The credspec language server in Neovim's built-in LSP client (Neovim 0.7 and newer).
-- Put this folder on 'runtimepath' and call, from init.lua:
--   require('credspec').setup()            -- or setup({ cmd = { '/path/to/credspec', 'lsp', '--stdio' } })
-- Neovim 0.8+ has vim.lsp.start (one client per root, reused across buffers); Neovim 0.7
-- (Debian bookworm) only has vim.lsp.start_client, so the client is started once per root here
-- and attached to each buffer.
local M = {}

local function root_of(path)
  local markers = { '.git', 'package.json' }
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while dir ~= '' do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local up = vim.fn.fnamemodify(dir, ':h')
    if up == dir then
      break
    end
    dir = up
  end
  return vim.fn.fnamemodify(path, ':p:h')
end

local clients_by_root = {}

local function start(config, bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients_by_root[config.root_dir]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    clients_by_root[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Starts (or reuses) the server for every credspec buffer.
---@param opts table|nil { cmd = { ... } } to run another credspec than the one on PATH
function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { 'credspec', 'lsp', '--stdio' }
  vim.cmd([[autocmd BufRead,BufNewFile *.cred setfiletype credspec]])
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'credspec',
    callback = function(args)
      local path = vim.api.nvim_buf_get_name(args.buf)
      start({ name = 'credspec', cmd = cmd, root_dir = root_of(path) }, args.buf)
    end,
  })
end

return M
