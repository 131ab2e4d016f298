#!/usr/bin/env bash
# Install the system packages the test suite needs, if missing: Debian's Chromium (the browser the
# Playwright tests drive; nothing downloads a browser of its own) and a Java runtime for the Nu
# HTML Checker. Then the checker itself (vnu-jar, pinned in package-lock.json) from npm.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# Any system Chromium or Chrome will do (tests/browser/support.py looks for the same names, or
# $DPR_CHROMIUM); only when none is installed is Debian's chromium package added.
have_browser() {
  [ -n "${DPR_CHROMIUM:-}" ] && [ -x "$DPR_CHROMIUM" ] && return 0
  for name in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$name" >/dev/null 2>&1 && return 0
  done
  return 1
}
have_browser || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# the EPUB test runs EPUBCheck on every EPUB in one JVM through a single-file Java program (needs the compiler module)
java --list-modules 2>/dev/null | grep -q '^jdk.compiler@' || need+=(default-jdk-headless)
# the print edition's faces, read by file (build_tools/exports/pdf.py: FONTS): Charis SIL, Noto Serif and Noto Sans (SIL OFL)
[ -f /usr/share/fonts/truetype/charis/CharisSIL-Regular.ttf ] || need+=(fonts-sil-charis)
[ -f /usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf ] && [ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || need+=(fonts-noto-core)
fc-list 2>/dev/null | grep -qi "dejavu serif" || need+=(fonts-dejavu-core)
# pdftoppm and pdftotext: the reading-pack test looks at the printed handout (tests/browser/test_study_pack.py);
# pdfinfo, pdffonts and pdftotext check the print edition (tests/exports/test_pdf.py)
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "Missing system packages: ${need[*]}. Install them (as root: apt-get install ${need[*]})." >&2
      exit 1
    fi
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# PUPPETEER_SKIP_DOWNLOAD: Ace by DAISY (@daisy/ace-cli) drives Debian's Chromium; puppeteer must never fetch a browser
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -x node_modules/.bin/ace-cli ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
fi
