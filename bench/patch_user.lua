-- Flips a user's active flag with Okta's no-path replace.
local path = os.getenv("SCIM_BENCH_PATH")
local n = 0
request = function()
  n = n + 1
  local active = (n % 2 == 1) and "false" or "true"
  local body = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":' .. active .. '}}]}'
  return wrk.format("PATCH", path, {["Content-Type"] = "application/scim+json", ["Authorization"] = "Bearer " .. os.getenv("SCIM_BENCH_TOKEN")}, body)
end
