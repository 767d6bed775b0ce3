-- wrk script: the baseline, a trivial authenticated-free route of the same host answering a small JSON body
-- (GET /_matrix/client/versions): the web framework's own limit on this machine.
wrk.method = "GET"
wrk.path = "/_matrix/client/versions"
