--- @include "index-members"
-- Gathers an order's index entries into `acc` (a new one: { entries = {}, arts = {}, by_article = {} }),
-- for a script that writes many orders to write them once (write-index.lua): its entries of G:i,
-- and its 16-byte id (`id_bytes`) under each article it has lines of, `arts` listing the articles
-- in the order first seen.
local function gather_index(acc, id, order, id_bytes)
  local members, arts = index_members(id, order, id_bytes)
  for _, m in ipairs(members) do acc.entries[#acc.entries + 1] = m end
  for _, art in ipairs(arts) do
    local ids = acc.by_article[art]
    if not ids then
      ids = {}
      acc.by_article[art] = ids
      acc.arts[#acc.arts + 1] = art
    end
    ids[#ids + 1] = id_bytes
  end
end
