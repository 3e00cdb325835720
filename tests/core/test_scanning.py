"""Upload scanning (SECURITY.md F3): the built-in checks, the ClamAV INSTREAM client against a fake daemon, and
refusals through a real request — "文件未通过安全检查：…", nothing stored, the refusal audited."""

import os
import socket
import struct
import tempfile
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile

from sifa.core import scanning, uploads
from sifa.core.models import AuditEvent
from tests.legalaid import builders as la_builders
from tests.legalaid import files

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def refusals():
    return AuditEvent.objects.filter(event="denied", verb="上传文件未通过安全检查")


@pytest.mark.parametrize("content, name, says", [
    (EICAR, "eicar.txt", "EICAR"),
    (files.pdf(b"%" + EICAR), "a.pdf", "EICAR"),
    (b"MZ\x90\x00" + bytes(60), "setup.pdf", "Windows可执行程序"),
    (b"\x7fELF\x02\x01\x01" + bytes(60), "report.png", "Linux可执行程序"),
    (b"#!/bin/sh\nrm -rf /\n", "run.txt", "脚本程序"),
    (b"<html><script>alert(1)</script></html>", "photo.jpg", "“.jpg”，内容与该格式不符"),
    (files.png(), "scan.pdf", "实际为PNG格式"),
    (b"PK\x03\x04" + bytes(40), "notes.txt", "实际为ZIP格式"),
])
def test_builtin_refuses(content, name, says):
    reason = scanning.builtin_scan(content, name)
    assert reason and says in reason


@pytest.mark.parametrize("content, name", [
    (files.pdf(), "欠条.pdf"), (files.png(), "照片.png"), (files.jpeg_with_exif(), "照片.JPG"),
    ("姓名,金额\n张三,100\n".encode(), "台账.csv"), (b"<svg/>", "a.svg"), (files.pdf(), "无扩展名"),
])
def test_builtin_passes_ordinary_files(content, name):
    assert scanning.builtin_scan(content, name) is None


@pytest.mark.django_db
def test_store_refuses_and_audits_and_writes_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(scanning.UploadRefused) as caught:
        uploads.store(SimpleUploadedFile("eicar.pdf", files.pdf(b"%" + EICAR), "application/pdf"), folder="tests")
    assert caught.value.messages[0].startswith("文件未通过安全检查：")
    assert not any(tmp_path.rglob("*.pdf"))
    row = refusals().get()
    assert row.outcome == "refused" and "EICAR" in row.reason and "eicar" not in row.reason
    stored = uploads.store(SimpleUploadedFile("欠条.pdf", files.pdf(), "application/pdf"), folder="tests")
    assert stored.size > 0


def test_unknown_scanner_is_a_configuration_error(settings):
    settings.SIFA_UPLOAD_SCANNER = "virustotal"
    with pytest.raises(ImproperlyConfigured, match="SIFA_UPLOAD_SCANNER"):
        scanning.scan(b"x", "a.txt")


# --- through a request -------------------------------------------------------------------------------------------


@pytest.fixture
def la(tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return la_builders.centre_for(tree)


@pytest.mark.django_db
def test_a_refused_page_upload_is_audited_although_nothing_is_stored(client, la, tmp_path):
    from sifa.legalaid.models import Document

    app = la_builders.civil_application(la)
    client.force_login(la["clerk"])
    response = client.post(f"/legalaid/applications/{app.pk}/document/", {
        "kind": "evidence", "uploaded": SimpleUploadedFile("证据.pdf", files.pdf(b"%" + EICAR), "application/pdf")})
    assert response.status_code == 400
    assert "文件未通过安全检查：检出病毒测试文件" in response.content.decode()
    assert not Document.objects.exists() and not any(tmp_path.rglob("*.pdf"))
    assert refusals().count() == 1  # audited while the request was read, so the action's rollback keeps it
    assert refusals().get().username == la["clerk"].username
    response = client.post(f"/legalaid/applications/{app.pk}/document/", {
        "kind": "evidence", "uploaded": SimpleUploadedFile("证据.pdf", files.pdf(), "application/pdf")})
    assert response.status_code == 302 and Document.objects.count() == 1


@pytest.mark.django_db
def test_the_ledger_import_form_refuses_a_disguised_program(office_user):
    from sifa.ledger.forms import ImportForm

    upload = SimpleUploadedFile("台账.xlsx", b"MZ\x90\x00" + bytes(200))
    form = ImportForm({"org": office_user.org.code}, {"file": upload}, user=office_user)
    assert not form.is_valid()
    assert "文件未通过安全检查：文件是Windows可执行程序" in " ".join(form.errors["file"])
    assert refusals().count() == 1


# --- clamd ---------------------------------------------------------------------------------------------------------


class FakeClamd:
    """A clamd that speaks INSTREAM on a Unix socket: FOUND for EICAR, OK otherwise. Serves `connections`
    connections, then stops."""

    def __init__(self, path: str, connections: int = 1, reply: bytes | None = None):
        self.path, self.connections, self.reply = path, connections, reply
        self.received: list[bytes] = []
        self.commands: list[bytes] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(1)
        self.server.settimeout(10)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exact(self, conn, n: int) -> bytes:
        data = b""
        while len(data) < n:
            part = conn.recv(n - len(data))
            if not part:
                raise ConnectionError("closed")
            data += part
        return data

    def _serve(self):
        for _ in range(self.connections):
            conn, _ = self.server.accept()
            with conn:
                conn.settimeout(10)
                self.commands.append(self._read_exact(conn, len(b"zINSTREAM\0")))
                stream = b""
                while True:
                    (length,) = struct.unpack("!L", self._read_exact(conn, 4))
                    if length == 0:
                        break
                    stream += self._read_exact(conn, length)
                self.received.append(stream)
                if self.reply is not None:
                    conn.sendall(self.reply)
                elif EICAR in stream:
                    conn.sendall(b"stream: Eicar-Signature FOUND\0")
                else:
                    conn.sendall(b"stream: OK\0")
        self.server.close()


@pytest.fixture
def clamd_path(settings):
    directory = tempfile.mkdtemp(prefix="clamd")
    path = os.path.join(directory, "clamd.sock")
    settings.SIFA_UPLOAD_SCANNER = "clamd"
    settings.SIFA_CLAMD_SOCKET = path
    settings.SIFA_CLAMD_TIMEOUT = 5
    yield path
    if os.path.exists(path):
        os.unlink(path)
    os.rmdir(directory)


def test_clamd_instream_protocol(clamd_path):
    daemon = FakeClamd(clamd_path, connections=2)
    big = files.pdf(b"x" * (scanning.CHUNK * 2 + 17))
    assert scanning.scan(big, "a.pdf") is None
    reason = scanning.scan(b"%PDF-1.4\n" + EICAR, "b.pdf")
    daemon.thread.join(5)
    assert reason == "检出病毒或恶意代码（Eicar-Signature）。"
    assert daemon.commands == [b"zINSTREAM\0", b"zINSTREAM\0"]
    assert daemon.received[0] == big and EICAR in daemon.received[1]


@pytest.mark.django_db
def test_clamd_refusal_through_store_and_failing_closed(clamd_path, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    FakeClamd(clamd_path, connections=1)
    with pytest.raises(scanning.UploadRefused, match="文件未通过安全检查：检出病毒或恶意代码"):
        uploads.store(SimpleUploadedFile("a.pdf", files.pdf(b"%" + EICAR)), folder="tests")
    assert refusals().count() == 1 and not any(tmp_path.rglob("*.pdf"))
    # no daemon listening any more: refused, never waved through
    with pytest.raises(scanning.UploadRefused, match="病毒扫描服务暂不可用"):
        uploads.store(SimpleUploadedFile("b.pdf", files.pdf()), folder="tests")


def test_clamd_odd_answer_fails_closed(clamd_path):
    FakeClamd(clamd_path, reply=b"INSTREAM size limit exceeded. ERROR\0")
    assert scanning.scan(files.pdf(), "a.pdf") == "病毒扫描未能完成，请稍后重试。"
