-- An order's compact JSON (its stored form, repositories/orders/stored-order.ts, which an order
-- event's `o` holds too; or a part of it, as the removed `lines` of an order.lines_removed) as the
-- JSON it stands for: each control character 1 to 8 back to the piece of JSON it replaces
-- (ORDER_JSON_PIECES in src/domain/events.ts, in the same order; test/stored-order.property.test.ts
-- holds the two equal). Plain JSON holds no such character and comes back as it is.
local function expand_order(compact)
  local pieces = {
    ['\1'] = '{"orderId":', ['\2'] = ',"lastUpdated":', ['\3'] = ',"expiresAt":', ['\4'] = ',"type":',
    ['\5'] = ',"lines":[', ['\6'] = '{"code":', ['\7'] = ',"artGuid":', ['\8'] = ',"qty":',
  }
  return (string.gsub(compact, '[\1-\8]', pieces))
end
