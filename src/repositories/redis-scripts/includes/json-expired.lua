-- Whether a stored order's JSON is expired, without decoding it. Stored dates are
-- YYYY-MM-DDTHH:mm:ss.sssZ (24 characters), whose string order is time order; a bare
-- '"expiresAt":"' can only be that key, since quotes inside JSON strings are escaped.
local function json_expired(json, now_iso)
  local s = string.find(json, '"expiresAt":"', 1, true)
  return s ~= nil and string.sub(json, s + 13, s + 36) <= now_iso
end
