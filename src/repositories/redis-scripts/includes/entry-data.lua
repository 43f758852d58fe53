--- @include "expand-order"
--[[
  The type and data (JSON text) of a feed entry as the order scripts append it (includes/emit.lua):
  `type` and `data`; or `type` and the data's members as fields of their own: `o` is the order's
  stored form (compact: includes/expand-order.lua) without its tenant, `order` the same as plain
  JSON (as builds before the compact form wrote it; null when absent from an
  order.lines_removed), `lines` the removed lines, compact or plain JSON; any other field a string.
  The same reading as entryEvent in src/domain/events.ts.
]]
local function entry_data(fields, tenant)
  local event_type, data, members, has_order = '', nil, {}, false
  for i = 1, #fields, 2 do
    local name, value = fields[i], fields[i + 1]
    if name == 'type' then event_type = value
    elseif name == 'data' then data = value
    elseif name == 'order' or name == 'o' then
      has_order = true
      if name == 'o' then value = expand_order(value) end
      members[#members + 1] = '"order":{"tenantId":' .. tenant .. (#value > 2 and ',' or '') .. string.sub(value, 2)
    elseif name == 'lines' then members[#members + 1] = '"lines":' .. expand_order(value)
    else members[#members + 1] = cjson.encode(name) .. ':' .. cjson.encode(value) end
  end
  if not data then
    if event_type == 'order.lines_removed' and not has_order then members[#members + 1] = '"order":null' end
    data = '{' .. table.concat(members, ',') .. '}'
  end
  return event_type, data
end
