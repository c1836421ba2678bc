-- POST /Users with a new userName each time. SCIM_BENCH_RUN makes the names unique across
-- runs; SCIM_BENCH_LIMIT (per thread, optional) stops the thread after that many responses,
-- so that a seeding run creates a known number of users.
local path = os.getenv("SCIM_BENCH_PATH")
local run = os.getenv("SCIM_BENCH_RUN") or tostring(os.time())
local limit = tonumber(os.getenv("SCIM_BENCH_LIMIT") or "0")
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n, done = 0, 0
request = function()
  n = n + 1
  local name = "post-" .. run .. "-" .. tid .. "-" .. n
  local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. name .. '@example.com",' ..
    '"externalId":"' .. name .. '","name":{"givenName":"Given' .. n .. '","familyName":"Family' .. tid .. '"},' ..
    '"emails":[{"value":"' .. name .. '@example.com","type":"work","primary":true}],' ..
    '"phoneNumbers":[{"value":"+1 555 0100","type":"work"}],"active":true}'
  return wrk.format("POST", path, {["Content-Type"] = "application/scim+json",
    ["Authorization"] = "Bearer " .. os.getenv("SCIM_BENCH_TOKEN")}, body)
end
response = function(status, headers, body)
  done = done + 1
  if limit > 0 and done >= limit then wrk.thread:stop() end
end
