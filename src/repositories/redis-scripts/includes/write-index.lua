--- @include "zadd-members"
-- Writes the index entries gathered by gather-index.lua: those of G:i (`index`) and those of each
-- article's index, G:ai:<artGuid> under the generation's key prefix `p`.
local function write_index(index, p, acc)
  zadd_members(index, acc.entries)
  for _, art in ipairs(acc.arts) do zadd_members(p .. 'ai:' .. art, acc.by_article[art]) end
end
