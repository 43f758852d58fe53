local function parse_thresholds(text)
  local thresholds = {}
  for t in string.gmatch(text or '0.8,1', '[^,]+') do thresholds[#thresholds + 1] = tonumber(t) end
  return thresholds
end
