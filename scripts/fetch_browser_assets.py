"""Download the CDN files that folium maps load, for offline browser tests.

folium 0.20 (and the streamlit-folium component, which loads the same links plus
d3 for branca colormaps) reference Leaflet and friends on public CDNs. Browser
tests run without internet, so this script fetches the same versions from the
npm registry with ``npm pack``, unpacks them into a cache directory and writes
``manifest.json`` there::

    {"version": 1, "packages": [...], "urls": {"<exact CDN URL>": "<path>"}}

Paths are relative to the manifest's directory. The cache defaults to
``.cache/browser-assets/`` at the repository root; set ``HUBMAP_ASSET_CACHE`` to
use another directory. The script does nothing when the cache is complete.

Usage: ``python scripts/fetch_browser_assets.py`` (prints the manifest path).
Only the standard library and the ``npm`` command are needed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Package:
    """An npm package and where its files live on the CDN.

    ``mounts`` maps a CDN URL to a path inside the package. A URL ending in
    ``/`` mounts a whole folder (so relative images and fonts resolve too);
    otherwise it names one file.
    """

    spec: str
    mounts: tuple[tuple[str, str], ...]

    @property
    def tarball(self) -> str:
        """File name ``npm pack`` gives this package's tarball."""
        name, _, version = self.spec.rpartition("@")
        return f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"

    @property
    def dirname(self) -> str:
        """Folder name of the unpacked package inside the cache."""
        return self.tarball.removesuffix(".tgz")


JSDELIVR = "https://cdn.jsdelivr.net/npm/"
CDNJS = "https://cdnjs.cloudflare.com/ajax/libs/"

# Read from folium.Map().get_root().render() (folium 0.20.0, plus MarkerCluster)
# and from streamlit_folium.st_folium's js_links (d3 for branca colormaps).
PACKAGES: tuple[Package, ...] = (
    Package("leaflet@1.9.3", ((f"{JSDELIVR}leaflet@1.9.3/dist/", "dist/"),)),
    Package("bootstrap@5.2.2", ((f"{JSDELIVR}bootstrap@5.2.2/dist/", "dist/"),)),
    Package(
        "@fortawesome/fontawesome-free@6.2.0",
        (
            (f"{JSDELIVR}@fortawesome/fontawesome-free@6.2.0/css/", "css/"),
            (f"{JSDELIVR}@fortawesome/fontawesome-free@6.2.0/webfonts/", "webfonts/"),
        ),
    ),
    Package(
        "leaflet.markercluster@1.1.0",
        ((f"{CDNJS}leaflet.markercluster/1.1.0/", "dist/"),),
    ),
    Package(
        "drmonty-leaflet-awesome-markers@2.0.2",
        (
            (f"{CDNJS}Leaflet.awesome-markers/2.0.2/", "css/"),
            (f"{CDNJS}Leaflet.awesome-markers/2.0.2/", "js/"),
        ),
    ),
    Package(
        "jquery@3.7.1",
        (("https://code.jquery.com/jquery-3.7.1.min.js", "dist/jquery.min.js"),),
    ),
    Package("d3@3.5.5", ((f"{CDNJS}d3/3.5.5/d3.min.js", "d3.min.js"),)),
    Package("d3@4.13.0", (("https://d3js.org/d3.v4.min.js", "build/d3.min.js"),)),
)


def cache_dir() -> Path:
    """Return the asset cache directory (``HUBMAP_ASSET_CACHE`` or the default)."""
    override = os.environ.get("HUBMAP_ASSET_CACHE")
    return Path(override).resolve() if override else REPO_ROOT / ".cache" / "browser-assets"


def manifest_path(root: Path | None = None) -> Path:
    """Return the path of the manifest inside ``root`` (default: the cache)."""
    return (root or cache_dir()) / MANIFEST_NAME


def _is_complete(root: Path) -> bool:
    """True when the manifest matches PACKAGES and every file it names exists."""
    try:
        data = json.loads(manifest_path(root).read_text())
    except (OSError, ValueError):
        return False
    if data.get("version") != MANIFEST_VERSION:
        return False
    if data.get("packages") != [p.spec for p in PACKAGES]:
        return False
    return all((root / rel).is_file() for rel in data.get("urls", {}).values())


def _npm_pack(specs: list[str], dest: Path) -> None:
    """Download the tarballs of ``specs`` into ``dest`` with ``npm pack``."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("fetch_browser_assets: the 'npm' command is needed (apt-get install npm)")
    cmd = [npm, "pack", *specs, "--pack-destination", str(dest), "--silent"]
    subprocess.run(cmd, check=True, cwd=dest, stdout=subprocess.DEVNULL)


def _unpack(tarball: Path, target: Path) -> None:
    """Extract the tarball's ``package/`` folder into ``target`` atomically."""
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpack-"))
    try:
        with tarfile.open(tarball) as tar:
            members = []
            for member in tar.getmembers():
                if not member.name.startswith("package/") or not (
                    member.isfile() or member.isdir()
                ):
                    continue
                member.name = member.name.removeprefix("package/")
                members.append(member)
            tar.extractall(tmp, members=members, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _mount_urls(pkg: Package, pkg_dir: Path, root: Path) -> dict[str, str]:
    """Map each CDN URL of ``pkg`` to a file path relative to ``root``."""
    urls: dict[str, str] = {}
    for url, inner in pkg.mounts:
        src = pkg_dir / inner
        if url.endswith("/"):
            for path in sorted(p for p in src.rglob("*") if p.is_file()):
                urls[url + path.relative_to(src).as_posix()] = path.relative_to(root).as_posix()
        elif src.is_file():
            urls[url] = src.relative_to(root).as_posix()
        else:
            raise FileNotFoundError(f"{pkg.spec} has no {inner}")
    return urls


def fetch(root: Path | None = None) -> Path:
    """Fill the cache ``root`` if needed and return the manifest path."""
    root = root or cache_dir()
    if _is_complete(root):
        return manifest_path(root)
    packages_dir = root / "packages"
    packages_dir.mkdir(parents=True, exist_ok=True)
    missing = [p for p in PACKAGES if not (packages_dir / p.dirname).is_dir()]
    if missing:
        with tempfile.TemporaryDirectory(dir=root, prefix=".npm-pack-") as tmp:
            _npm_pack([p.spec for p in missing], Path(tmp))
            for pkg in missing:
                _unpack(Path(tmp) / pkg.tarball, packages_dir / pkg.dirname)
    urls: dict[str, str] = {}
    for pkg in PACKAGES:
        urls.update(_mount_urls(pkg, packages_dir / pkg.dirname, root))
    manifest = {
        "version": MANIFEST_VERSION,
        "packages": [p.spec for p in PACKAGES],
        "urls": urls,
    }
    tmp_manifest = manifest_path(root).with_suffix(".tmp")
    tmp_manifest.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    tmp_manifest.replace(manifest_path(root))
    return manifest_path(root)


def main() -> None:
    """Fetch the assets and print the manifest path."""
    print(fetch())


if __name__ == "__main__":
    main()
