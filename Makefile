# The two commands of the README. Both install what the machine lacks first (scripts/setup.sh).
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test setup build prestashop-zip

## Build in release mode and start Relance on http://127.0.0.1:3000 with the demo shop.
run: build
	@mkdir -p data
	./target/release/relance serve --demo

## Every check: format, lints, Rust tests on SQLite and PostgreSQL, domain for wasm32, Playwright
## against the release WASM (served by the test build of the server).
test: setup
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

build: setup
	bash scripts/build.sh

## The PrestaShop module as a zip to upload in PrestaShop's Module Manager.
prestashop-zip:
	@mkdir -p target
	rm -f target/relance-prestashop.zip
	cd connectors/prestashop && zip -qr ../../target/relance-prestashop.zip relance
	@echo "target/relance-prestashop.zip"
