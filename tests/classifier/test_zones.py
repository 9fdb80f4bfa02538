"""Zones: declared globs first, then removable mounts, cloud-sync and public folders.

The removable-mount detection reads a fake /proc/self/mountinfo and a fake sysfs tree
built under tmp_path, with real symlinks under dev/block as the kernel makes them.
"""

from __future__ import annotations

import os
import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classifier import zones
from classifier.codes import ZoneType
from classifier.policy import AutoDetect, Policy, ZoneDecl, default_policy
from classifier.zones import NORMAL, Zone, ZoneMap, removable_mounts

POLICY = default_policy()
REMOVABLE = Zone("removable", ZoneType.REMOVABLE)
CLOUD = Zone("cloud_sync", ZoneType.CLOUD_SYNC)
PUBLIC = Zone("public", ZoneType.PUBLIC)


def with_zones(*decls: ZoneDecl) -> Policy:
    return POLICY.model_copy(update={"zones": decls})


def decl(name: str, type_: ZoneType, *paths: str, enabled: bool = True) -> ZoneDecl:
    return ZoneDecl(name=name, type=type_, paths=paths, enabled=enabled)


# --- auto-detection by folder name ----------------------------------------------------

AUTO_CASES = [
    # cloud-sync folders the SPEC names
    ("/home/taro/OneDrive/名簿.xlsx", CLOUD),
    ("/home/taro/OneDrive - 神戸大学/教務/成績.xlsx", CLOUD),
    ("/home/taro/OneDriveBusiness/a.csv", CLOUD),
    ("/home/taro/Dropbox/a.csv", CLOUD),
    ("/home/taro/Dropbox (Personal)/a.csv", CLOUD),
    ("/home/taro/Google Drive/a.csv", CLOUD),
    ("/home/taro/GoogleDrive/マイドライブ/a.csv", CLOUD),
    ("/mnt/share/マイドライブ/研究室/a.csv", CLOUD),
    ("/home/taro/Box/a.csv", CLOUD),
    ("/home/taro/Box Sync/a.csv", CLOUD),
    # folder names as people type them on a Windows share
    ("/mnt/win/users/taro/onedrive/a.csv", CLOUD),
    ("/mnt/win/users/taro/DROPBOX/a.csv", CLOUD),
    # public folders
    ("/home/taro/public_html/roster.html", PUBLIC),
    ("/var/www/html/list.csv", PUBLIC),
    ("/srv/share/公開/名簿.xlsx", PUBLIC),
    # removable_paths of the built-in policy
    ("/media/taro/USBメモリ/名簿.xlsx", REMOVABLE),
    ("/run/media/taro/SDCARD/a.csv", REMOVABLE),
    # near misses: the file's own name, a longer folder name, a prefix only
    ("/srv/files/www", NORMAL),
    ("/srv/files/公開", NORMAL),
    ("/srv/files/OneDrive", NORMAL),
    ("/srv/files/wwwroot/a.html", NORMAL),
    ("/srv/files/Boxes/a.csv", NORMAL),
    ("/srv/files/非公開/a.csv", NORMAL),
    ("/mediashare/a.csv", NORMAL),
    ("/home/taro/documents/a.csv", NORMAL),
    # precedence: removable beats cloud-sync beats public
    ("/media/taro/stick/OneDrive/a.csv", REMOVABLE),
    ("/home/taro/Dropbox/www/a.csv", CLOUD),
    ("/var/www/Dropbox/a.csv", CLOUD),
]


@pytest.mark.parametrize(("path", "expected"), AUTO_CASES)
def test_auto_detection(path: str, expected: Zone) -> None:
    assert ZoneMap(POLICY).zone_for(path) == expected


def test_decomposed_japanese_folder_names() -> None:
    """A macOS client writes マイドライブ decomposed (ト + combining ゛)."""
    path = unicodedata.normalize("NFD", "/Users/hanako/マイドライブ/a.csv")
    assert path != unicodedata.normalize("NFC", path)
    assert ZoneMap(POLICY).zone_for(path) == CLOUD


def test_relative_and_dotted_paths_are_normalised() -> None:
    zone_map = ZoneMap(POLICY)
    assert zone_map.zone_for("/home/taro/./x/../Dropbox/a.csv") == CLOUD
    assert zone_map.zone_for("/home/taro/Dropbox/../a.csv") == NORMAL


def test_autodetect_lists_come_from_the_policy() -> None:
    auto = AutoDetect(cloud_sync=("Nextcloud",), public=("htdocs",), removable_paths=())
    zone_map = ZoneMap(POLICY.model_copy(update={"autodetect": auto}))
    assert zone_map.zone_for("/home/taro/Nextcloud/a.csv") == CLOUD
    assert zone_map.zone_for("/opt/htdocs/a.csv") == PUBLIC
    assert zone_map.zone_for("/home/taro/Dropbox/a.csv") == NORMAL
    assert zone_map.zone_for("/var/www/a.csv") == NORMAL
    assert zone_map.zone_for("/media/taro/stick/a.csv") == NORMAL


# --- declared zones -------------------------------------------------------------------

SECURE = decl("secure-store", ZoneType.SECURE, "/srv/secure")


@pytest.mark.parametrize(
    ("pattern", "path", "covered"),
    [
        ("/srv/secure", "/srv/secure/a/b.xlsx", True),
        ("/srv/secure/**", "/srv/secure/a/b.xlsx", True),
        ("/srv/secure/", "/srv/secure/b.xlsx", True),
        ("/srv/secure/*", "/srv/secure/a/b.xlsx", True),
        ("/srv/*/kyomu", "/srv/dept1/kyomu/成績.xlsx", True),
        ("/srv/**/成績", "/srv/a/b/成績/x.xlsx", True),
        ("**/秘密/**", "/home/taro/秘密/x.xlsx", True),
        ("/srv/secure/**", "/srv/secure/.hidden/b.xlsx", True),
        ("/", "/srv/b.xlsx", True),
        ("/srv/secure", "/srv/secured/b.xlsx", False),
        ("/srv/secure/**", "/srv/b.xlsx", False),
        ("/srv/*/kyomu", "/srv/dept1/soumu/x.xlsx", False),
        ("/srv/Secure", "/srv/secure/b.xlsx", False),
    ],
)
def test_declared_globs(pattern: str, path: str, covered: bool) -> None:
    zone = decl("z", ZoneType.SECURE, pattern)
    expected = Zone("z", ZoneType.SECURE) if covered else NORMAL
    assert ZoneMap(with_zones(zone)).zone_for(path) == expected


def test_file_globs_and_folder_globs_share_a_directory() -> None:
    """The zone of a folder is remembered per directory; a glob on file names still
    decides per file, in any order of asking."""
    zone_map = ZoneMap(with_zones(decl("z", ZoneType.SECURE, "/srv/share/*.secret")))
    secure = Zone("z", ZoneType.SECURE)
    for _ in range(2):
        assert zone_map.zone_for("/srv/share/a.xlsx") == NORMAL
        assert zone_map.zone_for("/srv/share/b.secret") == secure
        assert zone_map.zone_for("/srv/share/www/c.xlsx") == PUBLIC
        assert zone_map.zone_for("/srv/share/www.xlsx") == NORMAL


def test_tilde_is_expanded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    zone_map = ZoneMap(with_zones(decl("vault", ZoneType.SECURE, "~/vault/**")))
    assert zone_map.zone_for(str(tmp_path / "vault" / "名簿.xlsx")).name == "vault"
    assert zone_map.zone_for("/other/vault/名簿.xlsx") == NORMAL


def test_first_declared_zone_wins() -> None:
    policy = with_zones(
        decl("inner", ZoneType.SECURE, "/srv/share/secure/**"),
        decl("outer", ZoneType.PUBLIC, "/srv/share/**"),
    )
    zone_map = ZoneMap(policy)
    assert zone_map.zone_for("/srv/share/secure/a.xlsx") == Zone("inner", ZoneType.SECURE)
    assert zone_map.zone_for("/srv/share/other/a.xlsx") == Zone("outer", ZoneType.PUBLIC)


def test_extra_zones_come_before_the_policy() -> None:
    takeout = decl("takeout", ZoneType.REMOVABLE, "/srv/share/stick")
    zone_map = ZoneMap(
        with_zones(SECURE, decl("share", ZoneType.NORMAL, "/srv/share")), extra=(takeout,)
    )
    assert zone_map.zone_for("/srv/share/stick/a.xlsx") == Zone("takeout", ZoneType.REMOVABLE)
    assert zone_map.zone_for("/srv/share/a.xlsx") == Zone("share", ZoneType.NORMAL)


def test_disabled_zone_is_ignored() -> None:
    zone_map = ZoneMap(with_zones(decl("off", ZoneType.SECURE, "/srv/secure", enabled=False)))
    assert zone_map.zone_for("/srv/secure/a.xlsx") == NORMAL
    assert not zone_map.has_secure


def test_declared_zones_overrule_auto_detection() -> None:
    policy = with_zones(
        decl("not-a-webroot", ZoneType.NORMAL, "/srv/app/www"),
        decl("box-vault", ZoneType.SECURE, "/srv/Box/金庫"),
    )
    zone_map = ZoneMap(policy, removable=("/mnt/usb",))
    assert zone_map.zone_for("/srv/app/www/a.csv") == Zone("not-a-webroot", ZoneType.NORMAL)
    assert zone_map.zone_for("/srv/Box/金庫/a.csv") == Zone("box-vault", ZoneType.SECURE)
    assert zone_map.zone_for("/srv/Box/other/a.csv") == CLOUD


def test_has_secure() -> None:
    assert not ZoneMap(POLICY).has_secure
    assert not ZoneMap(with_zones(decl("web", ZoneType.PUBLIC, "/var/www"))).has_secure
    assert ZoneMap(with_zones(SECURE)).has_secure
    assert ZoneMap(POLICY, extra=(SECURE,)).has_secure


# --- removable mounts: a fake mountinfo and sysfs ------------------------------------

USB_HOST = "devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block"
SATA_HOST = "devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block"
CARD_HOST = "devices/platform/soc/card0/block"

MOUNTINFO = "\n".join(
    [
        "22 27 0:21 / /proc rw,relatime - proc proc rw",
        "27 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
        "28 27 8:2 / /srv rw,relatime shared:2 master:1 - ext4 /dev/sda2 rw",
        "29 27 8:16 / /mnt/card rw - vfat /dev/sdb rw",
        r"30 27 8:17 / /mnt/card\040part rw - vfat /dev/sdb1 rw",
        "31 27 8:33 / /mnt/usb-hdd rw - exfat /dev/sdc1 rw",
        "32 27 0:45 / /tmp rw - tmpfs tmpfs rw",
        "33 27 8:48 / /mnt/gone rw - ext4 /dev/sdd rw",
        "34 27 8:33 / /mnt/usb-hdd rw - exfat /dev/sdc1 rw",
        "35 27 8:34 / /media/太郎/USBメモリ rw - vfat /dev/sdc2 rw",
        "36 27 0:50 / /mnt/nfs rw - nfs4 server:/export rw",
        "malformed line",
        "",
    ]
)


def make_block(sysfs: Path, host: str, disk: str, removable: str, parts: dict[str, int]) -> None:
    """A disk under `host` with its partitions, and the dev/block symlinks to them."""
    disk_dir = sysfs / host / disk
    disk_dir.mkdir(parents=True)
    (disk_dir / "removable").write_text(removable + "\n")
    major = 8
    minor = {"sda": 0, "sdb": 16, "sdc": 32}[disk]
    link(sysfs, f"{major}:{minor}", disk_dir)
    for name, number in parts.items():
        part_dir = disk_dir / name
        part_dir.mkdir()
        (part_dir / "partition").write_text(f"{number}\n")
        link(sysfs, f"{major}:{minor + number}", part_dir)


def link(sysfs: Path, device: str, target: Path) -> None:
    block = sysfs / "dev" / "block"
    block.mkdir(parents=True, exist_ok=True)
    (block / device).symlink_to(Path("../..") / target.relative_to(sysfs))


@pytest.fixture
def fake_os(tmp_path: Path) -> tuple[Path, Path]:
    """(mountinfo, sysfs): a SATA system disk, an SD card reader, a USB hard disk."""
    sysfs = tmp_path / "sys"
    make_block(sysfs, SATA_HOST, "sda", "0", {"sda1": 1, "sda2": 2})
    make_block(sysfs, CARD_HOST, "sdb", "1", {"sdb1": 1})
    make_block(sysfs, USB_HOST, "sdc", "0", {"sdc1": 1, "sdc2": 2})
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_bytes(MOUNTINFO.encode("utf-8"))
    return mountinfo, sysfs


def test_removable_mounts(fake_os: tuple[Path, Path]) -> None:
    mountinfo, sysfs = fake_os
    assert removable_mounts(mountinfo, sysfs) == (
        "/mnt/card",  # removable=1 whole disk
        "/mnt/card part",  # partition of a removable disk, escaped space decoded
        "/mnt/usb-hdd",  # removable=0 but on a USB bus; listed once
        "/media/太郎/USBメモリ",  # raw UTF-8 in mountinfo
    )


def test_root_on_removable_media(fake_os: tuple[Path, Path]) -> None:
    """A live USB system: `/` is reported, but ZoneMap does not make everything removable."""
    mountinfo, sysfs = fake_os
    mountinfo.write_text("27 1 8:33 / / rw - ext4 /dev/sdc1 rw\n")
    assert removable_mounts(mountinfo, sysfs) == ("/",)
    zone_map = ZoneMap(POLICY, removable=removable_mounts(mountinfo, sysfs))
    assert zone_map.zone_for("/home/taro/a.csv") == NORMAL


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/card/名簿.xlsx", REMOVABLE),
        ("/mnt/card part/名簿.xlsx", REMOVABLE),
        ("/mnt/usb-hdd/deep/dir/a.csv", REMOVABLE),
        ("/mnt/cardboard/a.csv", NORMAL),
        ("/srv/a.csv", NORMAL),
        ("/mnt/gone/a.csv", NORMAL),
        ("/tmp/a.csv", NORMAL),
    ],
)
def test_zone_of_removable_mounts(fake_os: tuple[Path, Path], path: str, expected: Zone) -> None:
    zone_map = ZoneMap(POLICY, removable=removable_mounts(*fake_os))
    assert zone_map.zone_for(path) == expected


def test_unreadable_sysfs_files_are_not_removable(fake_os: tuple[Path, Path]) -> None:
    mountinfo, sysfs = fake_os
    (sysfs / CARD_HOST / "sdb" / "removable").unlink()
    (sysfs / CARD_HOST / "sdb" / "removable").mkdir()  # reading it is an OSError
    assert removable_mounts(mountinfo, sysfs) == ("/mnt/usb-hdd", "/media/太郎/USBメモリ")


def test_dangling_and_looping_links(fake_os: tuple[Path, Path]) -> None:
    mountinfo, sysfs = fake_os
    block = sysfs / "dev" / "block"
    (block / "8:16").unlink()
    (block / "8:16").symlink_to("../../devices/nowhere")
    (block / "8:17").unlink()
    (block / "8:17").symlink_to("8:17")
    assert removable_mounts(mountinfo, sysfs) == ("/mnt/usb-hdd", "/media/太郎/USBメモリ")


def test_missing_mountinfo_or_sysfs(tmp_path: Path, fake_os: tuple[Path, Path]) -> None:
    mountinfo, _ = fake_os
    assert removable_mounts(tmp_path / "no-such-file", tmp_path) == ()
    assert removable_mounts(tmp_path, tmp_path) == ()  # a directory
    assert removable_mounts(mountinfo, tmp_path / "no-sysfs") == ()


def test_detect_asks_the_kernel_only_when_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake() -> tuple[str, ...]:
        calls.append(1)
        return ("/mnt/stick",)

    monkeypatch.setattr(zones, "removable_mounts", fake)
    assert ZoneMap.detect(POLICY).zone_for("/mnt/stick/a.csv") == REMOVABLE
    off = POLICY.model_copy(update={"autodetect": AutoDetect(removable_mounts=False)})
    assert ZoneMap.detect(off).zone_for("/mnt/stick/a.csv") == NORMAL
    assert calls == [1]
    takeout = decl("takeout", ZoneType.REMOVABLE, "/srv/x")
    assert ZoneMap.detect(off, extra=(takeout,)).zone_for("/srv/x/a") == Zone(
        "takeout", ZoneType.REMOVABLE
    )


# --- shipping to worker processes -----------------------------------------------------

SAMPLE_PATHS = [path for path, _ in AUTO_CASES] + [
    "/srv/secure/a.xlsx",
    "/mnt/usb/a.csv",
    "/mnt/usb",
]


def test_pickle_round_trip() -> None:
    zone_map = ZoneMap(with_zones(SECURE), removable=("/mnt/usb",), extra=())
    clone = pickle.loads(pickle.dumps(zone_map))
    assert clone.has_secure
    assert [clone.zone_for(p) for p in SAMPLE_PATHS] == [zone_map.zone_for(p) for p in SAMPLE_PATHS]
    assert clone.zone_for("/srv/secure/a.xlsx") == Zone("secure-store", ZoneType.SECURE)
    assert clone.zone_for("/mnt/usb/a.csv") == REMOVABLE


NAME = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"),
    min_size=1,
    max_size=12,
).filter(lambda name: name not in (".", ".."))
FOLDERS = st.sampled_from(["OneDrive", "www", "公開", "Box", "secure", "media", "mnt", "usb"])
PATHS = st.lists(st.one_of(NAME, FOLDERS), min_size=1, max_size=6).map(lambda p: "/" + "/".join(p))
PICKLED = pickle.dumps(ZoneMap(with_zones(SECURE), removable=("/mnt/usb",)))


@given(PATHS)
def test_any_path_resolves_the_same_after_pickling(path: str) -> None:
    zone_map = ZoneMap(with_zones(SECURE), removable=("/mnt/usb",))
    zone = zone_map.zone_for(path)
    assert isinstance(zone.type, ZoneType)
    assert pickle.loads(PICKLED).zone_for(path) == zone


@given(st.text(alphabet="/.aト\u3099 ", max_size=12))
def test_normalize_is_abspath_then_nfc(path: str) -> None:
    """The fast path for the crawler's clean absolute paths changes nothing."""
    expected = unicodedata.normalize("NFC", os.path.abspath(path))
    assert zones._normalize(path) == expected
