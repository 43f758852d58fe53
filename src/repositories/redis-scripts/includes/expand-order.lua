-- An order's compact JSON (its stored form, repositories/orders/stored-order.ts, which an order
-- event's `o` holds too; or a part of it, as the removed `lines` of an order.lines_removed) as the
-- JSON it stands for: each control character 14 to 22 back to the piece of JSON it replaces
-- (ORDER_JSON_PIECES in src/domain/events.ts, in the same order), and 1 to 8 as builds of
-- 2026-12-07 wrote them (EARLIER_ORDER_JSON_PIECES: events of theirs may still be in the feed);
-- test/stored-order.property.test.ts holds the tables equal. Plain JSON holds no such character
-- and comes back as it is.
local function expand_order(compact)
  local pieces = {
    ['\14'] = '{"orderId":"', ['\15'] = '","lastUpdated":"', ['\16'] = '","expiresAt":"',
    ['\17'] = '","type":"Order","lines":[', ['\18'] = '","type":"Cart","lines":[',
    ['\19'] = '","type":"ExternalOrder","lines":[',
    ['\20'] = '{"code":"', ['\21'] = '","artGuid":"', ['\22'] = '","qty":',
    ['\1'] = '{"orderId":', ['\2'] = ',"lastUpdated":', ['\3'] = ',"expiresAt":', ['\4'] = ',"type":',
    ['\5'] = ',"lines":[', ['\6'] = '{"code":', ['\7'] = ',"artGuid":', ['\8'] = ',"qty":',
  }
  return (string.gsub(compact, '[\1-\8\14-\22]', pieces))
end
