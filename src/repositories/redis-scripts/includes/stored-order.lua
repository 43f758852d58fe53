-- An order's stored JSON, as the service writes it (repositories/orders/stored-order.ts): the
-- contract's fields in its order, without tenantId (the key implies it).
local function encode_order(order)
  local lines = {}
  for i, l in ipairs(order.lines) do
    lines[i] = '{"code":' .. cjson.encode(l.code) .. ',"artGuid":' .. cjson.encode(l.artGuid) ..
      ',"qty":' .. string.format('%d', l.qty) .. '}'
  end
  local s = '{"orderId":' .. cjson.encode(order.orderId) .. ',"lastUpdated":' .. cjson.encode(order.lastUpdated)
  if order.expiresAt then s = s .. ',"expiresAt":' .. cjson.encode(order.expiresAt) end
  return s .. ',"type":' .. cjson.encode(order.type) .. ',"lines":[' .. table.concat(lines, ',') .. ']}'
end
