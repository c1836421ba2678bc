#!/usr/bin/env python3
"""1,000 user creates as 1,000 single POST /Users (one connection, one at a time; then four
connections) against one POST /Bulk of 1,000 operations (then four at once): creates/s, and
the CPU each create cost nginx, the workers and PostgreSQL (from /proc of the stack's
processes, which the shared machine's noise moves far less than the rate).

usage: bulk.py BASE_URL TOKEN"""
import http.client, json, os, ssl, subprocess, sys, threading, time, urllib.parse, uuid

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


TICK = os.sysconf("SC_CLK_TCK")


def pids(*pgrep):
    found = subprocess.run(["pgrep", *pgrep], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def cpu_seconds(group):
    total = 0
    for pid in group:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except FileNotFoundError:
            pass
    return total / TICK


GROUPS = {"nginx": pids("-x", "nginx"), "workers": pids("-f", "scim-server"), "pg": pids("-u", "scim", "postgres")}


def timed(label, work, clients, n):
    run = uuid.uuid4().hex[:8]
    threads = [threading.Thread(target=work, args=(f"{run}-{c}", n)) for c in range(clients)]
    before = {name: cpu_seconds(group) for name, group in GROUPS.items()}
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    cpu = {name: (cpu_seconds(group) - before[name]) * 1e6 / (clients * n) for name, group in GROUPS.items()}
    rate = clients * n / elapsed
    print(f"{label:<40} {clients * n:>5} users in {elapsed:6.2f} s = {rate:5.0f} creates/s; CPU µs/create: "
          f"nginx {cpu['nginx']:4.0f}, workers {cpu['workers']:4.0f}, pg {cpu['pg']:4.0f}, "
          f"total {sum(cpu.values()):5.0f}")
    return rate


single = timed("single POST /Users, 1 connection", singles, 1, N)
single4 = timed("single POST /Users, 4 connections", singles, 4, N)
one = timed("POST /Bulk of 1,000 creates", bulk, 1, N)
four = timed("POST /Bulk of 1,000 creates, 4 at once", bulk, 4, N)
print(f"Bulk against single POSTs: {one / single:.1f}x (1 connection each), {four / single4:.1f}x (4 each)")
