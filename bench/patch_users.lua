-- PATCH replace active and name.givenName of a different user each time, from the ids in
-- SCIM_BENCH_IDS (one per line), under SCIM_BENCH_PATH (".../Users").
local base = os.getenv("SCIM_BENCH_PATH")
local ids = {}
for line in io.lines(os.getenv("SCIM_BENCH_IDS")) do ids[#ids + 1] = line end
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
request = function()
  n = n + 1
  local id = ids[((n * 7919 + tid * 104729) % #ids) + 1]
  local active = (n % 2 == 1) and "false" or "true"
  local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[' ..
    '{"op":"replace","path":"active","value":' .. active .. '},' ..
    '{"op":"replace","path":"name.givenName","value":"Given' .. n .. '"}]}'
  return wrk.format("PATCH", base .. "/" .. id, {["Content-Type"] = "application/scim+json",
    ["Authorization"] = "Bearer " .. os.getenv("SCIM_BENCH_TOKEN")}, body)
end
