-- An order event's compact JSON (field `o` of a feed entry: the service writes it,
-- encodeOrderEvent in src/repositories/orders/stored-order.ts) as the stored JSON it stands for:
-- each control character 1 to 8 back to the piece of JSON it replaces (ORDER_JSON_PIECES in
-- src/domain/events.ts, in the same order; test/stored-order.property.test.ts holds the two equal).
local function expand_order(compact)
  local pieces = {
    ['\1'] = '{"orderId":', ['\2'] = ',"lastUpdated":', ['\3'] = ',"expiresAt":', ['\4'] = ',"type":',
    ['\5'] = ',"lines":[', ['\6'] = '{"code":', ['\7'] = ',"artGuid":', ['\8'] = ',"qty":',
  }
  return (string.gsub(compact, '[\1-\8]', pieces))
end
