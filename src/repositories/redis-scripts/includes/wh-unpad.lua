local function wh_unpad(padded)
  local dash = string.find(padded, '-', 1, true)
  return tostring(tonumber(string.sub(padded, 1, dash - 1))) .. '-' .. tostring(tonumber(string.sub(padded, dash + 1)))
end
