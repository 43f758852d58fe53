--[[
  Orders passed whole in ARGV (staging, restore): the distinct codes and articles of their lines
  come first, once each, and each line names them by number.

    codes:    ARGV[at] .. ARGV[at + n_codes - 1]
    articles: the n_articles arguments after them
    lines:    per line  code number, article number, units
]]
local function argv_names(at, count)
  local names = {}
  for i = 1, count do names[i] = ARGV[at + i - 1] end
  return names
end

-- The `count` lines starting at ARGV[at], as { code =, artGuid =, qty = }.
local function argv_lines(at, count, codes, articles)
  local lines = {}
  for i = 1, count do
    local b = at + 3 * (i - 1)
    lines[i] = { code = codes[tonumber(ARGV[b])], artGuid = articles[tonumber(ARGV[b + 1])], qty = tonumber(ARGV[b + 2]) }
  end
  return lines
end
