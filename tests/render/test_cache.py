import os

from generator.render import cache


def test_an_entry_comes_back_as_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANGEN_CACHE_DIR", str(tmp_path / "c"))
    assert cache.load("kind", "k1") is None
    cache.store("kind", "k1", {"a": [1, "ư"]})
    assert cache.load("kind", "k1") == {"a": [1, "ư"]}
    assert cache.load("kind", "k2") is None


def test_an_unreadable_entry_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANGEN_CACHE_DIR", str(tmp_path))
    (tmp_path / "kind-k.json").write_text("[1, 2", encoding="utf-8")
    assert cache.load("kind", "k") is None
    (tmp_path / "kind-k.json").write_text("[1, 2]", encoding="utf-8")
    assert cache.load("kind", "k") is None


def test_an_empty_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANGEN_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    cache.store("kind", "k", {"a": 1})
    assert cache.load("kind", "k") is None
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_costs_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PLANGEN_CACHE_DIR", str(blocker / "sub"))
    cache.store("kind", "k", {"a": 1})
    assert cache.load("kind", "k") is None


def test_the_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANGEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "plangen"


def test_the_fingerprint_follows_the_template(tmp_path):
    template = tmp_path / "template.docx"
    template.write_bytes(b"one")
    first = cache.fingerprint(template)
    assert cache.fingerprint(template) == first
    template.write_bytes(b"other")
    assert cache.fingerprint(template) != first


def test_the_code_part_reads_the_modules_that_make_a_document(tmp_path, monkeypatch):
    for name in ("errors.py", "render/b.py", "render/__pycache__/b.py", "plan/x/c.py",
                 "build/run.py", "notes.txt", "review/diff.py", "commands/build.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n")
    monkeypatch.setattr(cache, "GENERATOR_DIR", tmp_path)
    assert cache._sources() == ["build/run.py", "errors.py", "plan/x/c.py", "render/b.py"]


def test_the_hashed_packages_are_build_and_every_one_below_it():
    """build/ runs no code of the floors beside or above it (tests/test_layout.py)."""
    from tests.test_layout import FLOORS
    build = next(i for i, floor in enumerate(FLOORS) if "build" in floor)
    below = set().union(*FLOORS[build + 1:]) - {"basics"}
    assert set(cache.DOCUMENT_CODE) == {"build"} | below


def test_the_sources_are_hashed_again_only_once_one_of_them_changed(tmp_path, monkeypatch):
    """The hash of the modules is kept under their sizes and modification times: the same
    stamps give the kept hash without reading them, an edited module a new hash, and the
    kept hash is the one a cold start computes."""
    monkeypatch.setenv("PLANGEN_CACHE_DIR", str(tmp_path / "c"))
    code = tmp_path / "gen"
    (code / "render").mkdir(parents=True)
    module = code / "render" / "a.py"
    module.write_text("x = 1\n")
    monkeypatch.setattr(cache, "GENERATOR_DIR", code)
    first = cache._sources_hash()
    assert list((tmp_path / "c").glob("code-*.json"))
    stamp = module.stat()
    module.write_text("x = 2\n")                     # same size, put back to the same time:
    os.utime(module, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert cache._sources_hash() == first           # the stamps say unchanged: not read
    module.write_text("x = 3  \n")
    edited = cache._sources_hash()
    assert edited != first
    monkeypatch.setenv("PLANGEN_CACHE_DIR", "")      # no cache: every module read and hashed
    assert cache._sources_hash() == edited
