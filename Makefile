# One entry point for developers, ops and CI. Each target calls a real script or tool.
SHELL := /bin/bash
VENV := .venv/bin

.PHONY: help bootstrap lint format check test dev deploy vm bench lock fuzz security

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

bootstrap:  ## Install system packages, uv and the virtualenv (idempotent)
	@scripts/bootstrap.sh

lint: bootstrap  ## ruff, mypy --strict, ansible-lint, yamllint; eslint, tsc and the generated API types
	scripts/lint.sh
	scripts/test-frontend.sh lint

format: bootstrap  ## Apply ruff's fixes and formatting
	$(VENV)/ruff check --fix . && $(VENV)/ruff format .

check: lint  ## The fast loop: lint + unit tests (no servers), the release tools and the deploy lock
	scripts/test.sh unit
	scripts/test-frontend.sh unit
	scripts/test-deploy-tools.sh

test: lint  ## Everything: service suites (real PostgreSQL, Redis, SMTP), storefront unit tests and its Stripe pay page in Chromium, vagrant validate, the release tools and deploy lock, the production preflight, every Molecule scenario with the browser tests
	scripts/test.sh
	scripts/test-frontend.sh unit
	scripts/test-frontend.sh stripe
	scripts/test-vagrant.sh
	scripts/test-deploy-tools.sh
	scripts/test-preflight.sh
	scripts/test-molecule.sh

dev: bootstrap  ## Run PostgreSQL, Redis and the services locally (data in .dev/), reloading on change
	$(VENV)/python scripts/dev.py

deploy:  ## Provision this machine into the running shop (INVENTORY=<dir under inventory/> for others)
	scripts/deploy.sh

vm:  ## The developer VM (Vagrantfile): Debian 12 provisioned by site.yml with inventory/vagrant
	vagrant up

bench: bootstrap  ## Benchmarks that print figures (not part of make test): commerce API, the deployed stack against this machine's references, storefront LCP/JS per route
	$(VENV)/python tests/bench/bench_commerce.py
	$(VENV)/python tests/bench/bench_stack.py
	. scripts/node-env.sh && cd tests/bench && npm ci --no-audit --no-fund --silent && node bench_storefront.mjs

fuzz: bootstrap  ## schemathesis against every service's API through nginx (FUZZ_ARGS, e.g. "--base-url https://localhost --tls-verify false")
	$(VENV)/python tests/fuzz/fuzz.py $(or $(FUZZ_ARGS),--base-url http://localhost)

security: bootstrap  ## This machine's shop: TLS against Mozilla intermediate (sslyze), security headers, listening ports (SECURITY_ARGS for another)
	tests/security/check.sh $(or $(SECURITY_ARGS),--url https://localhost --tls localhost:443 --scan local --self-signed)

lock: bootstrap  ## Re-resolve dependencies; rewrite requirements.lock (dev) and requirements-runtime.lock (deploys)
	scripts/lock.sh
