#!/usr/bin/env bash
# Back up the database (pg_dump, custom format) and the uploaded and generated files into one folder.
#   DATABASE_URL=postgres://… MEDIA_ROOT=… ops/backup.sh [target-folder]
# The folder holds database.dump, files.tar.gz and SHA256SUMS; restore it with ops/restore.sh.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
media="${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/files}"
target="${1:-backups/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$target"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$target/database.dump"
mkdir -p "$media"
tar -czf "$target/files.tar.gz" -C "$media" .
(cd "$target" && sha256sum database.dump files.tar.gz > SHA256SUMS)
echo "Backup written to $target"
