-- Alternately adds and removes one member of a group (PATCH), so the group size stays put.
local path = os.getenv("SCIM_BENCH_PATH")
local member = os.getenv("SCIM_BENCH_MEMBER")
local n = 0
request = function()
  n = n + 1
  local op = (n % 2 == 1) and "add" or "remove"
  local body
  if op == "add" then
    body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"' .. member .. '"}]}]}'
  else
    body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"' .. member .. '\\"]"}]}'
  end
  return wrk.format("PATCH", path, {["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer " .. os.getenv("SCIM_BENCH_TOKEN")}, body)
end
