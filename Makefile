# Every target sets itself up: a fresh machine needs only `make run` or `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: setup run test bench dist translations screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[server,dev]'
	@touch $@

run: QT_QPA_PLATFORM :=
run: setup
	$(PY) -m desktop --demo

test: setup
	$(PY) -m pytest -q -n 2 --dist loadgroup

bench: setup
	$(PY) -m bench

dist: setup
	$(PY) -m PyInstaller --noconfirm --clean build.spec
	QT_QPA_PLATFORM=offscreen dist/halldesk/halldesk --smoke-test

translations: setup
	$(VENV)/bin/pyside6-lupdate $$(git ls-files 'desktop/*.py') -ts resources/translations/halldesk_zh_CN.ts -no-obsolete
	$(VENV)/bin/pyside6-lrelease resources/translations/halldesk_zh_CN.ts -qm resources/translations/halldesk_zh_CN.qm

screenshots: setup
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) -m desktop.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache
