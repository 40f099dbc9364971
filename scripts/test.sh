#!/usr/bin/env bash
# Install everything the test suite needs into .venv and run the whole suite.
# Used verbatim by the README's test command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's chromium for the browser tests..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "NOTE: /usr/bin/chromium is missing and cannot be installed without root;" \
             "browser tests will be skipped (install the 'chromium' package to run them)." >&2
    fi
fi

# The PostgreSQL store's tests start a throwaway server from Debian's postgresql package
# (initdb/pg_ctl in a temp dir, tests/pg_server.py).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's postgresql for the store tests..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        echo "NOTE: PostgreSQL server binaries are missing and cannot be installed without" \
             "root; the PostgreSQL store tests will be skipped (install 'postgresql')." >&2
    fi
fi

# The XLIFF export is validated against OASIS's XLIFF 1.2 and 2.0 schemas, which Debian
# ships in php-symfony-translation (tests/xliff_schemas.py; no Python package has them).
if [ ! -f /usr/share/php/Symfony/Component/Translation/Resources/schemas/xliff-core-2.0.xsd ] \
    && [ -z "${WORKBENCH_XLIFF_SCHEMAS:-}" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's php-symfony-translation for the XLIFF schemas..."
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php-symfony-translation >/dev/null
    else
        echo "NOTE: the OASIS XLIFF schemas are missing and cannot be installed without root;" \
             "the XLIFF validation tests will be skipped (install 'php-symfony-translation')." >&2
    fi
fi

.venv/bin/python -m ruff check workbench tests scripts
.venv/bin/python -m ruff format --check workbench tests scripts
exec .venv/bin/python -m pytest "$@"
