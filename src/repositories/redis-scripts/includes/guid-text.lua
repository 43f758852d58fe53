-- A GUID's text, in lower case, from its 16 bytes (guid-bytes): four numbers formatted at once
-- cost about half of sixteen bytes formatted one by one.
local function guid_text(bytes)
  local a, b, c, d = struct.unpack('>I4I4I4I4', bytes)
  return string.format('%08x-%04x-%04x-%04x-%04x%08x', a, (b - b % 65536) / 65536, b % 65536, (c - c % 65536) / 65536, c % 65536, d)
end
