#!/usr/bin/env python3
"""Pages through every user of an organisation with count=100, by cursor (RFC 9865) and by
startIndex, over one keep-alive TLS connection, one request at a time, and compares page 1
with page 5,000 by cursor. Walking by startIndex costs O(N^2): its pages are timed at
fixed intervals and the whole walk is estimated from those samples (said so in the output).

usage: paging.py BASE_URL TOKEN USERS"""
import http.client, json, ssl, statistics, sys, time, urllib.parse

base, token, users = sys.argv[1], sys.argv[2], int(sys.argv[3])
url = urllib.parse.urlparse(base)
conn = http.client.HTTPSConnection(url.hostname, url.port, context=ssl._create_unverified_context())
headers = {"Authorization": "Bearer " + token}
COUNT = 100


def get(query):
    start = time.perf_counter()
    conn.request("GET", url.path + "/Users?" + query, headers=headers)
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - start
    if response.status != 200:
        raise SystemExit(f"GET {query[:80]}: {response.status} {body[:200]!r}")
    return json.loads(body), elapsed


def p(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def q(cursor):
    return f"attributes=userName&count={COUNT}&cursor={urllib.parse.quote(cursor)}"


# The whole walk by cursor, every page timed; the cursor of page 5,000 kept.
seen, pages, cursor, times, page_5000 = 0, 0, "", [], None
start = time.perf_counter()
while True:
    body, elapsed = get(q(cursor))
    times.append(elapsed)
    seen += len(body["Resources"])
    pages += 1
    if pages == 4999:
        page_5000 = body.get("nextCursor")
    if "nextCursor" not in body:
        break
    cursor = body["nextCursor"]
walk = time.perf_counter() - start
print(f"cursor walk, count={COUNT}: {pages} pages, {seen} users in {walk:.1f} s "
      f"({seen / walk:.0f} users/s); page p50 {p(times, 0.5):.2f} ms, p99 {p(times, 0.99):.2f} ms")

# Page 1 against page 5,000 by cursor, each asked 300 times in turn.
if page_5000:
    first, later = [], []
    for _ in range(300):
        first.append(get(q(""))[1])
        later.append(get(q(page_5000))[1])
    print(f"cursor page 1:     p50 {p(first, 0.5):.2f} ms, p99 {p(first, 0.99):.2f} ms")
    print(f"cursor page 5,000: p50 {p(later, 0.5):.2f} ms, p99 {p(later, 0.99):.2f} ms")

# startIndex: pages at 11 evenly spaced positions, each asked 3 times (the median kept).
samples = []
for i in range(11):
    index = 1 + (users - COUNT) * i // 10
    runs = [get(f"attributes=userName&count={COUNT}&startIndex={index}")[1] for _ in range(3)]
    samples.append((index, statistics.median(runs)))
    print(f"startIndex {index:>9}: {samples[-1][1] * 1000:8.1f} ms")
# The walk's pages between two samples are taken to cost the mean of the two.
total_pages = (users + COUNT - 1) // COUNT
estimate = sum((a[1] + b[1]) / 2 for a, b in zip(samples, samples[1:])) * total_pages / 10
print(f"startIndex walk, count={COUNT}: about {estimate:.0f} s for {total_pages} pages "
      f"(estimated from the 11 timed pages above, not walked)")
