local function json_number(x)
  if x == nil then return 'null' end
  return cjson.encode(x)
end
