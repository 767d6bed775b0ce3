-- wrk script: POST an m.read receipt as alice on the demo world's lobby (a repeat after the first: the
-- monotonic no-op path, which is what most receipt traffic is once clients have caught up).
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Authorization"] = "Bearer alice_token"
wrk.headers["Content-Type"] = "application/json"
wrk.path = "/_matrix/client/v3/rooms/!lobby:example.org/receipt/m.read/$lunch"
