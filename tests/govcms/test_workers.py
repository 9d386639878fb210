"""gunicorn (gunicorn.conf.py): the application and jieba's dictionary are loaded before the workers fork."""

import os
import subprocess
import sys

from gunicorn.config import Config

from tests.govcms.test_settings import BASE_DIR


def gunicorn_settings(**environment):
    """gunicorn's configuration as it reads gunicorn.conf.py, with `environment` set."""
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        config = Config()
        namespace = {"__file__": str(BASE_DIR / "gunicorn.conf.py")}
        exec(compile((BASE_DIR / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102 # nosec B102
        for name, value in namespace.items():
            if name in config.settings:
                config.set(name, value)
        return config, namespace
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_the_application_is_preloaded_with_bounded_workers_timeouts_and_recycling():
    config, namespace = gunicorn_settings(WEB_CONCURRENCY="")

    assert config.preload_app is True
    assert config.wsgi_app == "govcms.wsgi:application"
    assert config.workers == namespace["default_workers"]()
    assert config.timeout == 60
    assert config.graceful_timeout == 30
    assert config.max_requests == 10000
    assert 0 < config.max_requests_jitter < config.max_requests


def test_worker_count_is_two_per_core_plus_one_capped_and_overridable():
    _, namespace = gunicorn_settings()

    assert namespace["default_workers"](1) == 3
    assert namespace["default_workers"](4) == 9
    assert namespace["default_workers"](64) == namespace["MAX_DEFAULT_WORKERS"]
    assert gunicorn_settings(WEB_CONCURRENCY="5")[0].workers == 5


def test_importing_the_wsgi_module_loads_the_dictionary():
    """What the gunicorn master does with preload_app: import govcms.wsgi. The dictionary is loaded then, so the
    forked workers inherit it instead of each loading their own."""
    probe = (
        "import govcms.wsgi, search.segment as s; "
        "print(s._tokenizer is not None and s._tokenizer.initialized and len(s._tokenizer.FREQ) > 100000)"
    )
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "govcms.settings.test"}
    result = subprocess.run(  # noqa: S603 - fixed arguments  # nosec B603
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
