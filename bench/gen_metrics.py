#!/usr/bin/env python3
"""Writes a deterministic deployments/changes/incidents dataset (CSV + JSON Lines) for Lectern.

    gen_metrics.py OUT_DIR [--deployments N] [--start 2026-08-01] [--days 120] [--seed 7]

Each deployment ships 1-4 new commits (so changes ~ 2.5 x deployments), a few fail, about 4% of
deployments cause an incident (severity 1-4, restore times from minutes to days, a few still open).
Services have different rhythms so the tiers differ. Standard library only.
"""
import argparse, datetime, json, os, random

SERVICES = [("checkout-api", 6.0, 0.05), ("search", 2.5, 0.12), ("mobile-api", 0.7, 0.25), ("billing", 0.25, 0.35)]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--deployments", type=int, default=0, help="total deployments (0: by each service's daily rate)")
    p.add_argument("--start", default="2026-08-01")
    p.add_argument("--days", type=int, default=120)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    start = datetime.datetime.fromisoformat(a.start).replace(tzinfo=datetime.timezone.utc)
    span = a.days * 86400
    total_rate = sum(s[1] for s in SERVICES)
    deployments = []
    for name, rate, fail in SERVICES:
        n = int(a.deployments * rate / total_rate) if a.deployments else int(rate * a.days)
        for i in range(n):
            deployments.append((start + datetime.timedelta(seconds=r.randrange(span)), name, fail))
    deployments.sort()
    with open(os.path.join(a.out, "deployments.csv"), "w", newline="") as d, \
         open(os.path.join(a.out, "changes.csv"), "w", newline="") as c, \
         open(os.path.join(a.out, "incidents.jsonl"), "w") as inc:
        d.write("id,service,environment,finished_at,status,commits\r\n")
        c.write("sha,service,committed_at\r\n")
        sha_n = 0
        inc_n = 0
        for k, (t, name, fail) in enumerate(deployments):
            commits = []
            for _ in range(r.randint(1, 4)):
                sha_n += 1
                sha = "%012x" % (sha_n * 2654435761 % (1 << 48))
                lead = r.lognormvariate(2.2 if name == "checkout-api" else 3.5, 1.0) * 3600
                c.write("%s,%s,%s\r\n" % (sha, name, iso(t - datetime.timedelta(seconds=min(lead, 40 * 86400)))))
                commits.append(sha)
            env = "staging" if r.random() < 0.1 else "production"
            status = "failure" if r.random() < fail * 0.4 else "success"
            dep_id = "dep-%07d" % k
            d.write("%s,%s,%s,%s,%s,%s\r\n" % (dep_id, name, env, iso(t), status, " ".join(commits)))
            if env == "production" and r.random() < fail * 0.35:
                inc_n += 1
                opened = t + datetime.timedelta(minutes=r.randint(2, 240))
                restore = r.lognormvariate(0.0 if name == "checkout-api" else 1.8, 1.1) * 3600
                rec = {"id": "INC-%05d" % inc_n, "severity": "SEV%d" % r.randint(1, 4), "opened_at": iso(opened),
                       "resolved_at": "" if r.random() < 0.03 else iso(opened + datetime.timedelta(seconds=restore)),
                       "caused_by": dep_id, "title": "%s degraded after %s" % (name, dep_id)}
                if r.random() < 0.7:
                    rec["service"] = name
                inc.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
