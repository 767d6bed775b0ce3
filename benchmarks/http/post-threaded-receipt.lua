-- wrk script: POST a threaded m.read receipt (thread rule walks the event's relations on every request).
wrk.method = "POST"
wrk.body = '{"thread_id":"$release"}'
wrk.headers["Authorization"] = "Bearer bob_token"
wrk.headers["Content-Type"] = "application/json"
wrk.path = "/_matrix/client/v3/rooms/!lobby:example.org/receipt/m.read/$release-reply-2"
