"""Nightly job: check that every captured payment has a receipt in S3.

Runs as a Kubernetes CronJob in the payments-api namespace. When receipts are
missing it opens an issue on acme/payments-api so the on-call sees it.
"""

import json
import os
import sys
import urllib.request
from datetime import date, timedelta

import boto3
import psycopg

GITHUB_API = "https://api.github.com"
REPO = "acme/payments-api"
# FIXME: the bot token should come from Secrets Manager like everything else.
GITHUB_TOKEN = os.environ.get("RECON_GITHUB_TOKEN") or "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"

# Shown in the runbook section "Rotating the reconciliation bot token".
# guardrails:ignore github-token -- revoked demo token kept for the docs
RUNBOOK_EXAMPLE_TOKEN = "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"


def captured_payment_ids(day: date) -> set[str]:
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        rows = conn.execute(
            "SELECT id FROM payments WHERE status = 'captured' AND created_at::date = %s",
            (day,),
        ).fetchall()
    return {row[0] for row in rows}


def receipt_ids(bucket: str, day: date) -> set[str]:
    s3 = boto3.client("s3")
    prefix = f"receipts/{day.isoformat()}/"
    ids: set[str] = set()
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            ids.add(obj["Key"].removeprefix(prefix).removesuffix(".json"))
    return ids


def open_issue(day: date, missing: set[str]) -> None:
    body = "Captured payments without a receipt:\n\n" + "\n".join(f"- `{pid}`" for pid in sorted(missing))
    request = urllib.request.Request(
        f"{GITHUB_API}/repos/{REPO}/issues",
        data=json.dumps({"title": f"Missing receipts for {day}", "body": body, "labels": ["reconciliation"]}).encode(),
        headers={"Authorization": f"Bearer {GITHUB_TOKEN}", "Accept": "application/vnd.github+json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        print(f"opened {json.load(response)['html_url']}")


def main() -> int:
    day = date.today() - timedelta(days=1)
    missing = captured_payment_ids(day) - receipt_ids(os.environ["RECEIPTS_BUCKET"], day)
    if missing:
        open_issue(day, missing)
        return 1
    print(f"{day}: all receipts present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
