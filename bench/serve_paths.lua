-- wrk script: each connection cycles through a deck, a postmortem report and an image.
local paths = { "/friday-deploys.md", "/checkout-outage-postmortem.md", "/assets/pager.svg" }
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
