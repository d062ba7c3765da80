# Everyday commands. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1:8000

.PHONY: install run demo migrate test lint format check check-deploy messages worker beat serve require-services lock clean backup restore audit

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: demo
	@echo "Serving on http://$(HOST)/ (Ctrl+C to stop)"
	$(PY) manage.py runserver $(HOST)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Missing migrations and the deployment checklist under production settings.
check: install
	$(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') ALLOWED_HOSTS=thiduakhenthuong.example \
		DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py check --deploy --fail-level WARNING

messages: install
	$(PY) manage.py makemessages -l vi --no-location --no-obsolete --ignore=.venv --ignore=staticfiles
	$(PY) manage.py compilemessages -l vi --ignore=.venv

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=info

beat: install
	mkdir -p var
	$(VENV)/bin/celery -A config beat --loglevel=info --schedule=var/celerybeat-schedule

# The deployed topology on one machine: web (gunicorn), worker and beat from the Procfile, run together by honcho
# against PostgreSQL and Redis. Local settings unless DJANGO_SETTINGS_MODULE says otherwise. Ctrl+C stops all three.
SERVE_SETTINGS := $(or $(DJANGO_SETTINGS_MODULE),config.settings.local)

serve: require-services install
	DJANGO_SETTINGS_MODULE=$(SERVE_SETTINGS) $(PY) manage.py migrate --noinput
	@echo "Serving on http://$(HOST)/ with a worker and beat; health at http://$(HOST)/healthz (Ctrl+C to stop)"
	HOST=$(HOST) DJANGO_SETTINGS_MODULE=$(SERVE_SETTINGS) $(VENV)/bin/honcho start

require-services:
	@test -n "$$DATABASE_URL" || { echo "make serve: DATABASE_URL is not set. It runs against PostgreSQL and Redis: set DATABASE_URL and REDIS_URL, or use make run (SQLite, tasks in-process)." >&2; exit 2; }
	@test -n "$$REDIS_URL" || { echo "make serve: REDIS_URL is not set. It runs against PostgreSQL and Redis: set DATABASE_URL and REDIS_URL, or use make run (SQLite, tasks in-process)." >&2; exit 2; }

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[dev]"
	.lock-venv/bin/pip freeze --exclude-editable | grep -v '^-e' | sort > requirements.lock
	rm -rf .lock-venv

# Back up / restore PostgreSQL and the uploaded files (DATABASE_URL and MEDIA_ROOT from the environment).
backup:
	ops/backup.sh $(BACKUP)

restore:
	@test -n "$(BACKUP)" || (echo "Usage: make restore BACKUP=backups/<folder>" && exit 2)
	ops/restore.sh $(BACKUP)

# Known vulnerabilities in the locked dependencies (needs the PyPI or OSV vulnerability service).
audit: install
	ops/audit.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
