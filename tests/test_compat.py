"""Each attribute of MkDocs, Material and watchdog that the adapter reads beyond their
documented interfaces (mkdocs_adapter/compat.py), checked on the installed versions: an
upgrade that changes one fails here, naming it."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from virtual_centre.mkdocs_adapter import compat
from watchdog.observers.polling import PollingObserver

from .conftest import ROOT


@pytest.fixture
def server():
    served = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(ROOT))
    served.watch(str(ROOT / "mkdocs.yml"))
    yield served
    served.server_close()


@pytest.mark.parametrize("name", compat.MATERIAL_SEARCH)
def test_materials_search_plugin_has(name):
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.plugins.on_config(config)  # Material's plugin makes its index here
    material = config.plugins["material/search"]
    assert hasattr(material, name), f"Material's search plugin lost {name!r}: see compat.py"


def test_materials_search_index_is_a_list_of_entries_that_can_be_replaced():
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config.plugins.on_config(config)
    material, entries = compat.material_search_index(config.plugins)
    assert isinstance(entries, list)
    compat.replace_search_entries(material, [{"location": "a.html"}])
    assert compat.material_search_index(config.plugins)[1] == [{"location": "a.html"}]
    assert material.search_index_prev is None


@pytest.mark.parametrize("name", compat.SERVER)
def test_mkdocs_server_has(server, name):
    assert hasattr(server, name), f"MkDocs' LiveReloadServer lost {name!r}: see compat.py"


def test_the_servers_observer_polls_and_has_handlers_by_watch(server):
    watches = compat.server_watches(server)
    assert isinstance(watches.observer, PollingObserver)
    assert hasattr(watches.observer, compat.OBSERVER)
    assert watches.handlers and str(ROOT / "mkdocs.yml") in watches.refs


@pytest.mark.parametrize("name", compat.WATCH)
def test_watchdogs_watch_has(server, name):
    watch = next(iter(compat.server_watches(server).handlers))
    assert hasattr(watch, name), f"watchdog's ObservedWatch lost {name!r}: see compat.py"
    assert compat.watched_path(watch)[0] == str(ROOT / "mkdocs.yml")


def test_an_unexpected_shape_is_named():
    class Bare:
        pass

    with pytest.raises(compat.Incompatible, match="_handlers"):
        compat.server_watches(Bare())
    with pytest.raises(compat.Incompatible, match="search_index_prev"):
        compat.material_search_index({"search": Bare()})
