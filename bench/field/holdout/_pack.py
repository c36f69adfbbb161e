"""Archives, e-mails and byte-stable Office files for the hold-out corpus."""

import base64
import binascii
import io
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email import encoders


# ---------------------------------------------------------------- OOXML made byte-stable

_DT_RE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stable_ooxml(data: bytes, when=(2020, 6, 18, 9, 0, 0), author=None) -> bytes:
    """Rewrite a docx/xlsx zip with fixed member times and fixed core-property dates."""
    iso = "%04d-%02d-%02dT%02d:%02d:%02dZ" % when
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _DT_RE.sub(lambda m: m.group(1) + iso.encode() + m.group(3), body)
                if author is not None:
                    body = re.sub(rb"<dc:creator>[^<]*</dc:creator>", b"<dc:creator>" + author.encode() + b"</dc:creator>", body)
                    body = re.sub(rb"<cp:lastModifiedBy>[^<]*</cp:lastModifiedBy>",
                                  b"<cp:lastModifiedBy>" + author.encode() + b"</cp:lastModifiedBy>", body)
            zi = zipfile.ZipInfo(info.filename, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, body)
    return out.getvalue()


# ---------------------------------------------------------------- zips


class _GBKInfo(zipfile.ZipInfo):
    """A member whose name is stored in cp936 with the UTF-8 flag (bit 11) off, as Windows does."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp936"), self.flag_bits & ~0x800


def make_zip(members, gbk=False, when=(2020, 6, 20, 10, 0, 0), dirs=True):
    """members: list of (name, bytes) -> zip bytes. Folder entries are added like Windows does."""
    out = io.BytesIO()
    seen_dirs = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            parts = name.split("/")[:-1]
            if dirs:
                for i in range(1, len(parts) + 1):
                    dn = "/".join(parts[:i]) + "/"
                    if dn not in seen_dirs:
                        seen_dirs.add(dn)
                        zi = (_GBKInfo if gbk else zipfile.ZipInfo)(dn, date_time=when)
                        zi.external_attr = 0x10
                        z.writestr(zi, b"")
            zi = (_GBKInfo if gbk else zipfile.ZipInfo)(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0x20
            if gbk:
                zi.create_system = 0  # MS-DOS
            z.writestr(zi, data)
    return out.getvalue()


def _crc_update(crc, b):
    return binascii.crc32(bytes([b]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


class _ZipCrypto:
    def __init__(self, password: bytes):
        self.k0, self.k1, self.k2 = 0x12345678, 0x23456789, 0x34567890
        for b in password:
            self._update(b)

    def _crc(self, crc, b):
        return (zlib.crc32(bytes([b]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF) & 0xFFFFFFFF

    def _update(self, b):
        self.k0 = self._crc(self.k0, b)
        self.k1 = (self.k1 + (self.k0 & 0xFF)) & 0xFFFFFFFF
        self.k1 = (self.k1 * 134775813 + 1) & 0xFFFFFFFF
        self.k2 = self._crc(self.k2, (self.k1 >> 24) & 0xFF)

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for p in data:
            t = (self.k2 | 2) & 0xFFFF
            k = ((t * (t ^ 1)) >> 8) & 0xFF
            out.append(p ^ k)
            self._update(p)
        return bytes(out)


def make_encrypted_zip(members, password: bytes, rng, gbk=True, when=(2020, 6, 21, 15, 30, 0)):
    """A traditional-PKWARE (ZipCrypto) encrypted zip, deflated members, names in cp936."""
    dosdate = ((when[0] - 1980) << 9) | (when[1] << 5) | when[2]
    dostime = (when[3] << 11) | (when[4] << 5) | (when[5] // 2)
    out = io.BytesIO()
    central = []
    for name, data in members:
        fname = name.encode("cp936") if gbk else name.encode("utf-8")
        flags = 0x1 | (0 if gbk else 0x800)
        crc = zlib.crc32(data) & 0xFFFFFFFF
        co = zlib.compressobj(6, zlib.DEFLATED, -15)
        comp = co.compress(data) + co.flush()
        header = bytearray(rng.randrange(256) for _ in range(11)) + bytes([(crc >> 24) & 0xFF])
        enc = _ZipCrypto(password).encrypt(bytes(header) + comp)
        off = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, dostime, dosdate, crc, len(enc), len(data),
                              len(fname), 0))
        out.write(fname)
        out.write(enc)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 8, dostime, dosdate, crc, len(enc),
                                   len(data), len(fname), 0, 0, 0, 0, 0x20, off) + fname)
    cd_off = out.tell()
    for c in central:
        out.write(c)
    cd_size = out.tell() - cd_off
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), cd_size, cd_off, 0))
    return out.getvalue()


def make_7z(members, mtime):
    """Build a .7z with the 7z command line tool; member mtimes fixed for byte stability."""
    exe = shutil.which("7z") or shutil.which("7za") or shutil.which("7zr")
    if not exe:
        raise RuntimeError("7z not found")
    with tempfile.TemporaryDirectory() as td:
        root = os.path.join(td, "src")
        for name, data in members:
            p = os.path.join(root, name)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)
        for dp, dn, fn in os.walk(root, topdown=False):
            for x in fn + dn:
                os.utime(os.path.join(dp, x), (mtime, mtime))
        arc = os.path.join(td, "out.7z")
        names = sorted({m[0].split("/")[0] for m in members})
        subprocess.run([exe, "a", "-t7z", "-mx=5", "-mtc=off", "-mta=off", "-mtm=on", "-bd", "-y", arc] + names,
                       cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(arc, "rb") as f:
            return f.read()


# ---------------------------------------------------------------- e-mail


MIME = {
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".zip": ("application", "x-zip-compressed"),
    ".7z": ("application", "octet-stream"),
    ".jpg": ("image", "jpeg"),
    ".pdf": ("application", "pdf"),
}


def _b64_words(s, charset):
    return "=?%s?B?%s?=" % (charset, base64.b64encode(s.encode(charset)).decode())


def make_eml(*, from_name, from_addr, to_addr, subject, date, message_id, body, attachments, style="rfc2231-gbk",
             boundary="----=_NextPart_000_0000"):
    """attachments: list of (filename, bytes). style: rfc2231-gbk | rfc2047-gb18030 | rfc2231-utf8."""
    charset = "gbk" if "gbk" in style else ("gb18030" if "gb18030" in style else "utf-8")
    msg = MIMEMultipart("mixed", boundary=boundary)
    msg["From"] = "%s <%s>" % (Header(from_name, charset).encode(), from_addr)
    msg["To"] = to_addr
    msg["Subject"] = Header(subject, charset, header_name="Subject")
    msg["Date"] = date
    msg["Message-ID"] = message_id
    msg["X-Mailer"] = "Foxmail 7.2.16.188[cn]" if "gb18030" in style else "Microsoft Outlook 16.0"
    text = MIMEText(body, "plain", charset)
    msg.attach(text)
    for name, data in attachments:
        ext = os.path.splitext(name)[1].lower()
        maintype, subtype = MIME.get(ext, ("application", "octet-stream"))
        part = MIMEBase(maintype, subtype)
        part.set_payload(data)
        encoders.encode_base64(part)
        if style == "rfc2047-gb18030":
            enc = _b64_words(name, "gb18030")
            part.replace_header("Content-Type", '%s/%s; name="%s"' % (maintype, subtype, enc))
            part.add_header("Content-Disposition", 'attachment; filename="%s"' % enc)
        else:
            cs = "gbk" if style == "rfc2231-gbk" else "utf-8"
            part.set_param("name", (cs, "", name))
            part.add_header("Content-Disposition", "attachment", filename=(cs, "", name))
        msg.attach(part)
    return msg.as_bytes()
