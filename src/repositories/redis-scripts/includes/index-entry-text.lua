-- An index entry as text, as the layout before compact entries wrote it (zadd-members.lua): the
-- type's name, the orderId as text. List cursors carry entries in this form (index-text-entry reads it
-- back), and reconcile reports them so. Anything not shaped like an entry comes back as it is.
--- @include "guid-text"
local function index_entry_text(entry)
  if #entry < 19 or string.byte(entry, -17) ~= 0 then return entry end
  local kind, value = string.sub(entry, 1, 1), string.sub(entry, 2, -18)
  if kind == 't' then
    value = ({ C = 'Cart', E = 'ExternalOrder', O = 'Order' })[value] or value
  end
  return kind .. value .. '\0' .. guid_text(string.sub(entry, -16))
end
