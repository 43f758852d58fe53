-- An order as GET serves it, from its stored JSON (which lacks the tenant).
local function served_order(ctx, stored_json)
  return '{"tenantId":' .. ctx.tenant .. ',' .. string.sub(stored_json, 2)
end
