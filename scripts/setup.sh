#!/usr/bin/env bash
# Install everything paperdesk needs on Debian 12 (run as root): system packages, a .venv with
# paperdesk in it. With --test also the test tools (Chromium for the browser tests, Dovecot and
# aiosmtpd for the mail tests).
# Idempotent: running it again installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TEST=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

APT_PACKAGES=(
  python3 python3-venv python3-pip
  tesseract-ocr tesseract-ocr-chi-sim        # OCR engine with simplified Chinese
  libreoffice-writer-nogui libreoffice-calc-nogui  # legacy .doc/.xls/.wps conversion
  p7zip-full unar                            # .7z and .rar archives
  fonts-noto-cjk                             # Chinese glyphs for rendered forms and pages
  poppler-utils libmagic1
  zip                                        # split zips (.z01 + .zip) in the intake tests
)
if [ "$WITH_TEST" = 1 ]; then
  APT_PACKAGES+=(
    chromium chromium-driver
    dovecot-imapd                            # the IMAP server the mail tests start on loopback (own config)
  )
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "需要安装系统软件包（${missing[*]}），请以 root 身份运行：sudo bash scripts/setup.sh" >&2
    exit 1
  fi
  echo "==> apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The mail tests run their own Dovecot (a throw-away config on free loopback ports); the system
  # service the package has just started is not needed: stop it, so no IMAP port stays open.
  if [[ " ${missing[*]} " == *" dovecot-imapd "* ]]; then
    if [ -d /run/systemd/system ]; then
      systemctl disable --now dovecot.service dovecot.socket >/dev/null 2>&1 || true
    elif [ -x /etc/init.d/dovecot ]; then
      /etc/init.d/dovecot stop >/dev/null 2>&1 || true
    fi
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PY" -m venv .venv
fi
echo "==> pip install paperdesk into .venv"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "$WITH_TEST" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]' 2>&1 | grep -v -e '^WARNING: Location' || true
else
  .venv/bin/python -m pip install -q -e . 2>&1 | grep -v -e '^WARNING: Location' || true
fi
# RapidOCR (PP-OCR models inside the wheel, offline) without its own dependencies: they would pull
# the GUI build of OpenCV over the headless one; its real dependencies are in pyproject.toml.
.venv/bin/python -m pip install -q --no-deps "rapidocr-onnxruntime==1.4.4" 2>&1 | grep -v -e '^WARNING: Location' || true
.venv/bin/python -c "import paperdesk, prefect, docx, openpyxl, pdfplumber, cv2, pytesseract, rapidocr_onnxruntime" \
  || { echo "安装不完整：Python 依赖导入失败" >&2; exit 1; }
if [ "$WITH_TEST" = 1 ]; then
  .venv/bin/python -c "import pytest, aiosmtpd, cryptography" \
    || { echo "安装不完整：测试依赖（pytest、aiosmtpd、cryptography）导入失败" >&2; exit 1; }
  [ -x /usr/sbin/dovecot ] || { echo "安装不完整：缺少 dovecot（dovecot-imapd），邮件测试需要" >&2; exit 1; }
fi
tesseract --list-langs 2>/dev/null | grep -q chi_sim \
  || { echo "安装不完整：tesseract 缺少 chi_sim 中文数据" >&2; exit 1; }
echo "==> ready"
