"""附件: type from the bytes, names that match, photographs without their GPS data, scoped downloads."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from sifa.mediation import actions
from sifa.mediation.models import Attachment

from . import builders


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SifaTestCamera"          # Make
    exif[0x8825] = {1: "N", 2: (34.0, 25.0, 0.0)}  # GPSInfo: latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_pdf_and_photo_are_kept_and_photo_loses_its_metadata(open_dispute, office_user):
    photo = _jpeg_with_gps()
    assert b"SifaTestCamera" in photo
    actions.add_attachment(office_user, open_dispute, filename="现场照片.JPG", content=photo, note="排水沟现状")
    actions.add_attachment(office_user, open_dispute, filename="C:\\docs\\调解申请.pdf", content=PDF)
    kept = {a.name: a for a in Attachment.objects.all()}
    assert set(kept) == {"现场照片.JPG", "调解申请.pdf"}
    stored = bytes(kept["现场照片.JPG"].content)
    assert b"SifaTestCamera" not in stored and b"Exif" not in stored
    assert Image.open(io.BytesIO(stored)).size == (40, 30)
    assert kept["调解申请.pdf"].content_type == "application/pdf"


@pytest.mark.parametrize("name, content, message", [
    ("照片.jpg", b"<html><script>alert(1)</script></html>", "只能上传"),
    ("协议.pdf", _jpeg_with_gps(), "扩展名"),
    ("空.pdf", b"", "空的"),
    ("大.pdf", PDF + b"0" * (10 * 1024 * 1024), "不能超过"),
    ("../../.pdf", PDF, "文件名无效"),
])
def test_hostile_or_wrong_files_are_refused(open_dispute, office_user, name, content, message):
    with pytest.raises(ValidationError, match=message):
        actions.add_attachment(office_user, open_dispute, filename=name, content=content)
    assert Attachment.objects.count() == 0


def test_no_attachment_before_intake(office_user, tree):
    pending = actions.register_dispute(office_user, org=office_user.org, parties=builders.parties(), summary="x",
                                       dispute_type="other", source="application", applied_on=dt.date(2021, 4, 1))
    with pytest.raises(ValidationError, match="受理后"):
        actions.add_attachment(office_user, pending, filename="a.pdf", content=PDF)


def test_upload_and_download_pages(logged_in, client, open_dispute, other_office_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("mediation:attachment_upload", args=[open_dispute.pk])
    response = logged_in.post(url, {"file": SimpleUploadedFile("证据.pdf", PDF, "text/html")})
    assert response.status_code == 302
    item = Attachment.objects.get()
    assert item.content_type == "application/pdf"  # the browser's claim is ignored
    download = reverse("mediation:attachment_download", args=[open_dispute.pk, item.pk])
    response = logged_in.get(download)
    assert response.status_code == 200 and response.content == PDF
    assert response["X-Content-Type-Options"] == "nosniff" and "attachment" in response["Content-Disposition"]
    client.force_login(other_office_user)
    assert client.get(download).status_code == 404
