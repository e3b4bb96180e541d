#!/usr/bin/env bash
# Backup/restore round trip for the encrypted intake data (README "Backups").
#
#   scripts/backup_roundtrip.sh SOURCE_DATABASE_URL RESTORE_DATABASE_NAME [PLAINTEXT_REGEX]
#
# 1. pg_dump the source; the dump must hold no plaintext (PLAINTEXT_REGEX: names/phones known to be stored).
# 2. Restore into a fresh database RESTORE_DATABASE_NAME on the same server.
# 3. Decrypt every request and chat message there with FIELD_ENCRYPTION_KEYS.
# 4. Rotate to a new key (new key first, rotate_intake_keys), drop the old key, decrypt everything again.
# Needs DJANGO_SETTINGS_MODULE, FIELD_ENCRYPTION_KEYS and FIELD_HASH_KEY (and the other production variables).
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE=${1:?source DATABASE_URL}
TARGET_NAME=${2:?name of the database to restore into}
PLAINTEXT=${3:-}
PY=${PY:-.venv/bin/python}
TARGET="${SOURCE%/*}/$TARGET_NAME"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

decrypt_all() {
  DATABASE_URL="$1" "$PY" manage.py shell -c '
from chat.models import Message
from intake.models import VerificationRequest
requests = [(r.full_name, r.phone) for r in VerificationRequest.objects.all()]
messages = [m.text for m in Message.objects.all()]
assert all(name and phone for name, phone in requests), "a request did not decrypt"
print(len(requests), len(messages))'
}

echo "== 1. dump"
pg_dump --format=custom --file="$WORK/backup.dump" "$SOURCE"
pg_restore --data-only --file="$WORK/data.sql" "$WORK/backup.dump"
if [ -n "$PLAINTEXT" ] && grep -Eq "$PLAINTEXT" "$WORK/data.sql"; then
  echo "FAIL: the dump holds plaintext matching /$PLAINTEXT/"; exit 1
fi
echo "   $(du -h "$WORK/backup.dump" | cut -f1), no plaintext found"

echo "== 2. restore into $TARGET_NAME"
psql -q "$SOURCE" -c "DROP DATABASE IF EXISTS \"$TARGET_NAME\"" -c "CREATE DATABASE \"$TARGET_NAME\""
pg_restore --no-owner --exit-on-error --dbname="$TARGET" "$WORK/backup.dump"

echo "== 3. decrypt with the current keys"
before=$(decrypt_all "$SOURCE" | tail -1)
after=$(decrypt_all "$TARGET" | tail -1)
[ "$before" = "$after" ] || { echo "FAIL: source has $before, restore has $after (requests, messages)"; exit 1; }
echo "   $after (requests, chat messages) decrypted"

echo "== 4. rotate keys on the restored copy, then drop the old key"
NEW_KEY=$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
DATABASE_URL="$TARGET" FIELD_ENCRYPTION_KEYS="$NEW_KEY,$FIELD_ENCRYPTION_KEYS" "$PY" manage.py rotate_intake_keys
rotated=$(DATABASE_URL="$TARGET" FIELD_ENCRYPTION_KEYS="$NEW_KEY" decrypt_all "$TARGET" | tail -1)
[ "$rotated" = "$after" ] || { echo "FAIL: after rotation $rotated"; exit 1; }
echo "OK: round trip and key rotation kept $rotated (requests, chat messages)"
