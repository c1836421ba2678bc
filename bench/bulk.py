#!/usr/bin/env python3
"""1,000 user creates as 1,000 single POST /Users (one connection, one at a time; then four
connections) against one POST /Bulk of 1,000 operations (then four at once).

usage: bulk.py BASE_URL TOKEN"""
import http.client, json, ssl, sys, threading, time, urllib.parse, uuid

base, token = sys.argv[1], sys.argv[2]
url = urllib.parse.urlparse(base)
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/scim+json"}
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
N = 1000


def connection():
    return http.client.HTTPSConnection(url.hostname, url.port, context=ssl._create_unverified_context(), timeout=120)


def user(tag, i):
    return {"schemas": [USER], "userName": f"bulk-{tag}-{i}@example.com", "externalId": f"bulk-{tag}-{i}",
            "name": {"givenName": "Bulk", "familyName": f"User{i}"},
            "emails": [{"value": f"bulk-{tag}-{i}@example.com", "type": "work", "primary": True}], "active": True}


def singles(tag, n):
    conn = connection()
    for i in range(n):
        conn.request("POST", url.path + "/Users", json.dumps(user(tag, i)), headers)
        response = conn.getresponse()
        response.read()
        assert response.status == 201, response.status


def bulk(tag, n):
    conn = connection()
    body = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
            "Operations": [{"method": "POST", "path": "/Users", "bulkId": f"u{i}", "data": user(tag, i)}
                           for i in range(n)]}
    conn.request("POST", url.path + "/Bulk", json.dumps(body), headers)
    response = conn.getresponse()
    results = json.loads(response.read())
    assert response.status == 200, response.status
    statuses = {r["status"] for r in results["Operations"]}
    assert statuses == {"201"} and len(results["Operations"]) == n, statuses


def timed(label, work, clients, n):
    run = uuid.uuid4().hex[:8]
    threads = [threading.Thread(target=work, args=(f"{run}-{c}", n)) for c in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    rate = clients * n / elapsed
    print(f"{label:<44} {clients * n:>5} users in {elapsed:6.2f} s = {rate:7.0f} creates/s")
    return rate


single = timed("single POST /Users, 1 connection", singles, 1, N)
single4 = timed("single POST /Users, 4 connections", singles, 4, N)
one = timed("POST /Bulk of 1,000 creates", bulk, 1, N)
four = timed("POST /Bulk of 1,000 creates, 4 at once", bulk, 4, N)
print(f"Bulk against single POSTs: {one / single:.1f}x (1 connection each), {four / single4:.1f}x (4 each)")
