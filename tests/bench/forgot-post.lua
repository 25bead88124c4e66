-- wrk script for P2's POST runs: one antiforgery cookie + token pair (obtained once by the
-- harness; the pair is not single-use) and a body that alternates between an existing account
-- (rotating over BENCH_ACCOUNTS seeded ones) and an unknown address.
local cookie = os.getenv("BENCH_COOKIE")
local token = os.getenv("BENCH_TOKEN")
local accounts = tonumber(os.getenv("BENCH_ACCOUNTS"))
local mix = os.getenv("BENCH_MIX") or "half"
local threads = 0
local counter = 0
local offset = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  offset = tonumber(wrk.thread:get("offset")) or 0
  wrk.method = "POST"
  wrk.headers["Cookie"] = cookie
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  counter = counter + 1
  local n = counter * 16 + offset
  local email
  if mix == "half" and counter % 2 == 0 then
    email = string.format("load-%d%%40bench.test", n % accounts)
  else
    email = string.format("nobody-%d%%40bench.invalid", n)
  end
  return wrk.format(nil, nil, nil, "Input.Email=" .. email .. "&__RequestVerificationToken=" .. token)
end
