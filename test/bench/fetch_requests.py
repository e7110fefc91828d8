"""The python-requests contender of the fetch benchmark: what an operator would script with Debian's
python3-requests. One requests.Session (keep-alive) with HTTPDigestAuth, N sequential GETs of the same
restore job. Prints one JSON line: {"elapsed_s": ..., "cpu_s": ..., "ok": ..., "statuses": {...}}.

Usage: python3 fetch_requests.py URL USER KEY COUNT
The time covers creating the session and the N requests, not the interpreter start or the import, so it
compares with the time our client spends inside an already running extension host.
"""
import json
import sys
import time

import requests
from requests.auth import HTTPDigestAuth


def main() -> int:
    url, user, key, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    statuses = {}
    started = time.perf_counter()
    cpu_started = time.process_time()
    with requests.Session() as session:
        session.auth = HTTPDigestAuth(user, key)
        for _ in range(count):
            response = session.get(url)
            # Read the whole body, as a client parsing the job would.
            _ = response.content
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    ok = statuses.get(200, 0)
    print(json.dumps({"elapsed_s": elapsed, "cpu_s": cpu, "ok": ok, "statuses": {str(k): v for k, v in statuses.items()}}))
    return 0 if ok == count else 1


if __name__ == "__main__":
    sys.exit(main())
