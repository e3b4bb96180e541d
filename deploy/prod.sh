#!/usr/bin/env bash
# `make prod`: the production settings on this machine. Varnish :8200 -> HAProxy :8210 -> two gunicorn
# (HTTP) + two uvicorn (chat WebSocket) processes, one task worker, one scheduler; PostgreSQL and Redis from
# DATABASE_URL / REDIS_URL. Secrets are generated once into .prod-secrets.env (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
set -a
# shellcheck source=/dev/null
. deploy/prod.env
if [ ! -f .prod-secrets.env ]; then
  .venv/bin/python - > .prod-secrets.env <<'PY'
import secrets
from cryptography.fernet import Fernet
print(f"SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"FIELD_HASH_KEY={secrets.token_urlsafe(32)}")
print(f"FIELD_ENCRYPTION_KEYS={Fernet.generate_key().decode()}")
PY
  chmod 600 .prod-secrets.env
fi
# shellcheck source=/dev/null
. .prod-secrets.env
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/harborlight_prod}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/3}
set +a
if [ "${1:-}" = manage ]; then shift; exec .venv/bin/python manage.py "$@"; fi  # e.g. createsuperuser
db_name=${DATABASE_URL##*/}
psql "${DATABASE_URL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db_name'" | grep -q 1 \
  || createdb -d "${DATABASE_URL%/*}/postgres" "$db_name" 2>/dev/null || psql "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE \"$db_name\""
.venv/bin/python manage.py collectstatic --noinput -v 0
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py load_demo_content
.venv/bin/python manage.py set_site_host
mkdir -p "$VARNISH_WORKDIR"
echo "Serving the demo behind Varnish on http://127.0.0.1:${VARNISH_PORT}/ (admin: /admin/; an account: deploy/prod.sh manage createsuperuser). Ctrl+C stops everything."
exec .venv/bin/honcho -f deploy/Procfile -d . start
