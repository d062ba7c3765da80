#!/usr/bin/env bash
# Restore a folder written by ops/backup.sh into the database of DATABASE_URL (its objects are replaced) and
# MEDIA_ROOT. Stop the web server and the workers first.
#   DATABASE_URL=postgres://… MEDIA_ROOT=… ops/restore.sh backups/20181225T080000Z
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
source_dir="${1:?name the backup folder}"
media="${MEDIA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)/var/files}"
(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$source_dir/database.dump"
mkdir -p "$media"
tar -xzf "$source_dir/files.tar.gz" -C "$media"
echo "Restored $source_dir"
