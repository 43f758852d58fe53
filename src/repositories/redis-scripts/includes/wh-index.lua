local function wh_index(prefix, endpoint_id, status)
  return prefix .. 'ix:' .. endpoint_id .. ':' .. status
end
