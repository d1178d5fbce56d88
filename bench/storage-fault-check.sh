#!/usr/bin/env bash
# A full data directory through REST (docs/BENCHMARKS.md, "Storage faults"): the service on a small tmpfs, the disk
# filled after one upload; uploads and deletes must answer 503 storage_unavailable, search and health 200, and the
# first upload after freeing space 200, without a restart. Needs root (mount) and a built jar
# (./mvnw -B -q -pl api -am package -DskipTests). Usage: bench/storage-fault-check.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-8197}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
FIX=fixtures/src/main/resources/io/ragplatform/fixtures/handbook
DISK=$(mktemp -d /tmp/rag-fulldisk.XXXXXX)
UPLOADS=$(mktemp -d /tmp/rag-uploads.XXXXXX)
mount -t tmpfs -o size=300m tmpfs "$DISK"
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; umount "$DISK"; rm -rf "$DISK" "$UPLOADS"; }
trap cleanup EXIT
# uploads' temporary files outside the full disk, so that the index's own write is what fails
RAG_DATA_DIR="$DISK/data" QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY="$UPLOADS" \
  "$JAVA" --add-modules jdk.incubator.vector -jar api/target/quarkus-app/quarkus-run.jar >"$UPLOADS/../rag-fault.log" 2>&1 &
PID=$!
U=http://127.0.0.1:$PORT
for _ in $(seq 60); do curl -sf "$U/q/health/ready" >/dev/null && break; sleep 1; done
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
fail=0
expect() { local want=$1 what=$2; shift 2; local got; got=$(code "$@"); printf '%-40s %s (want %s)\n' "$what" "$got" "$want"; [ "$got" = "$want" ] || fail=1; }
expect 200 "upload before the disk is full" -F file=@$FIX/handbook.html -F sourceId=hb.html "$U/v1/documents"
dd if=/dev/zero of="$DISK/filler" bs=1M 2>/dev/null || true
expect 503 "upload on a full disk" -F file=@$FIX/handbook.pdf -F sourceId=hb.pdf "$U/v1/documents"
expect 503 "delete on a full disk" -X DELETE "$U/v1/documents?sourceId=hb.html"
expect 200 "search on a full disk" "$U/v1/search?q=retention&k=3"
expect 200 "health on a full disk" "$U/q/health/ready"
rm -f "$DISK/filler"
expect 200 "upload after freeing space" -F file=@$FIX/handbook.pdf -F sourceId=hb.pdf "$U/v1/documents"
curl -s "$U/v1/index/check" | grep -q '"consistent":true' && echo "index check after: consistent" || { echo "index check after: NOT consistent"; fail=1; }
exit $fail
