-- An index entry from its text form (index-entry-text): `<kind><value>\0<orderId>` with the type's
-- name and the orderId as text; nil when the text is not shaped like one.
--- @include "guid-bytes"
local function index_text_entry(text)
  local kind, value, id = string.match(text, '^([tucax])(.*)%z(%x%x%x%x%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x)$')
  if not kind then return nil end
  if kind == 't' then
    value = string.sub(value, 1, 1)
  end
  return kind .. value .. '\0' .. guid_bytes(id)
end
