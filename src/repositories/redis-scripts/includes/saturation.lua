--[[
  Stock-origin capacities and saturation events. T cap holds per code the origin's capacity as
  "maxQty,maxLines,maxOrders" (an empty part sets no limit), T thr the tenant's saturation
  thresholds, ascending ("0.8,1"; absent: 0.8 and 1). An origin's saturation is the
  largest of units/maxQty, lines/maxLines, orders/maxOrders among the limits set (none: no
  saturation). A script that moves some origins' figures watches them first (watch_saturation)
  and then tells (saturation_events): each threshold an origin's saturation crosses, upward or
  downward, is one stock_origin.saturation event. A tenant without capacities pays one EXISTS.
]]
local DEFAULT_THRESHOLDS = '0.8,1'

-- The saturation helpers, made when a script needs them: a write on a tenant without capacities
-- pays no closure for them (Redis creates a script's top-level functions at every call).
local function saturation_helpers()
  local function parse_capacity(text)
    local q, l, o = string.match(text, '^(%d*),(%d*),(%d*)$')
    return { maxQty = tonumber(q), maxLines = tonumber(l), maxOrders = tonumber(o) }
  end

  local function parse_thresholds(text)
    local thresholds = {}
    for t in string.gmatch(text or DEFAULT_THRESHOLDS, '[^,]+') do thresholds[#thresholds + 1] = tonumber(t) end
    return thresholds
  end

  local function saturation_of(cap, units, lines, orders)
    if not cap then return nil end
    local s = nil
    if cap.maxQty then s = math.max(s or 0, units / cap.maxQty) end
    if cap.maxLines then s = math.max(s or 0, lines / cap.maxLines) end
    if cap.maxOrders then s = math.max(s or 0, orders / cap.maxOrders) end
    return s
  end

  -- {units, lines, orders} of each code, as the figures say now: those of the order keys, or of the
  -- generation whose G:oq, G:ol, G:oo are `keys`.
  local function origin_figures(codes, keys)
    keys = keys or { ORIGIN_QTY, ORIGIN_LINES, ORIGIN_ORDERS }
    local q = redis.call('HMGET', keys[1], unpack(codes))
    local l = redis.call('HMGET', keys[2], unpack(codes))
    local o = redis.call('HMGET', keys[3], unpack(codes))
    local out = {}
    for i = 1, #codes do out[i] = { tonumber(q[i]) or 0, tonumber(l[i]) or 0, tonumber(o[i]) or 0 } end
    return out
  end

  local function json_number(x)
    if x == nil then return 'null' end
    return cjson.encode(x)
  end

  -- One event per threshold crossed between saturations s0 and s1 (in the order they are crossed).
  local function emit_crossings(code, thresholds, s0, s1, figures, cap)
    if s0 == nil or s1 == nil or s0 == s1 then return end
    local first, last, step = 1, #thresholds, 1
    if s1 < s0 then first, last, step = #thresholds, 1, -1 end
    for i = first, last, step do
      local t = thresholds[i]
      local direction = nil
      if s0 < t and s1 >= t then direction = 'up' elseif s1 < t and s0 >= t then direction = 'down' end
      if direction then
        emit('stock_origin.saturation', '{"code":' .. cjson.encode(code) .. ',"direction":"' .. direction ..
          '","threshold":' .. json_number(t) .. ',"saturation":' .. json_number(s1) .. ',"previousSaturation":' .. json_number(s0) ..
          ',"reservedQty":' .. figures[1] .. ',"lineCount":' .. figures[2] .. ',"orderCount":' .. figures[3] ..
          ',"capacity":{"maxQty":' .. json_number(cap.maxQty) .. ',"maxLines":' .. json_number(cap.maxLines) ..
          ',"maxOrders":' .. json_number(cap.maxOrders) .. '}}')
      end
    end
  end

  return {
    parse_capacity = parse_capacity, parse_thresholds = parse_thresholds, saturation_of = saturation_of,
    origin_figures = origin_figures, emit_crossings = emit_crossings,
  }
end

-- Whether any origin of the tenant has a capacity: when none has, there is nothing to watch.
local function has_capacities()
  return redis.call('EXISTS', CAPACITIES) == 1
end

-- Before moving the figures of `codes`: those with a capacity and their figures now, or nil.
local function watch_saturation(codes)
  if #codes == 0 or not has_capacities() then return nil end
  local s = saturation_helpers()
  local stored = redis.call('HMGET', CAPACITIES, unpack(codes))
  local watched, capacities = {}, {}
  for i = 1, #codes do
    if stored[i] then
      watched[#watched + 1] = codes[i]
      capacities[#watched] = s.parse_capacity(stored[i])
    end
  end
  if #watched == 0 then return nil end
  return {
    helpers = s, codes = watched, capacities = capacities,
    thresholds = s.parse_thresholds(redis.call('GET', THRESHOLDS)), before = s.origin_figures(watched),
  }
end

-- After: the events of the thresholds the watched origins crossed.
local function saturation_events(watch)
  if not watch then return end
  local s = watch.helpers
  local after = s.origin_figures(watch.codes)
  for i, code in ipairs(watch.codes) do
    local cap, b, a = watch.capacities[i], watch.before[i], after[i]
    s.emit_crossings(code, watch.thresholds, s.saturation_of(cap, b[1], b[2], b[3]), s.saturation_of(cap, a[1], a[2], a[3]), a, cap)
  end
end
