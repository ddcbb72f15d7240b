# Sourced by scripts/setup and scripts/test: what FlowCanvas needs from the system, how to
# tell whether it is there, and how to install what is missing on Debian or Ubuntu.
#
# Each requirement is one line: DEBIAN-PACKAGE KIND NAME...
#   header NAME... : one of these C headers is found in the system include folders
#   command NAME...: one of these commands is on PATH
#   file PATTERN...: one of these files exists (shell patterns: Debian keeps PostgreSQL's
#                    server programs off PATH, under /usr/lib/postgresql/VERSION/bin)
# Probing what a package provides (rather than asking dpkg) means a non-Debian system
# that already has everything passes silently; only a missing piece needs apt.
# To add a requirement (PostgreSQL, say), add one line to the list that needs it.

BUILD_REQUIREMENTS=(
  "libncurses-dev  header  ncursesw/ncurses.h"
  "libsqlite3-dev  header  sqlite3.h"
)

TEST_REQUIREMENTS=(
  "tmux            command tmux"
  "sqlite3         command sqlite3"
  "chromium        command chromium chromium-browser google-chrome"
  "vim-tiny        command vim.tiny vim vi"
  "man-db          command man"
  "postgresql      file    /usr/lib/postgresql/*/bin/initdb /usr/local/bin/initdb"
  "patch           command patch"
  "openssl         command openssl"
  "curl            command curl"
)

fc_include_dirs() {
  local multiarch
  multiarch=$(gcc -print-multiarch 2>/dev/null || true)
  echo /usr/include /usr/local/include ${multiarch:+/usr/include/$multiarch}
}

# Prints "yes" when the requirement line's probe finds what the package provides.
fc_requirement_met() {
  local package kind names dir name
  read -r package kind names <<<"$1"
  case $kind in
    header)
      for name in $names; do
        for dir in $(fc_include_dirs); do
          [ -f "$dir/$name" ] && return 0
        done
      done ;;
    command)
      for name in $names; do
        command -v "$name" >/dev/null 2>&1 && return 0
      done ;;
    file)
      for name in $names; do
        [ -e "$name" ] && return 0
      done ;;
  esac
  return 1
}

# Package names (Debian's) of the unmet requirements among the lines given.
fc_missing_packages() {
  local line
  for line in "$@"; do
    fc_requirement_met "$line" || echo "${line%% *}"
  done
}

# Ubuntu ships Chromium as chromium-browser; everything else keeps Debian's names.
fc_distro_package_name() {
  local id=""
  [ -r /etc/os-release ] && id=$(. /etc/os-release && echo "${ID:-}")
  if [ "$1" = chromium ] && [ "$id" = ubuntu ]; then echo chromium-browser; else echo "$1"; fi
}

# Installs the packages named, all in one apt-get call, or stops (exit 2) before
# installing anything when that cannot be done here. $FC_SCRIPT names the caller.
fc_install_packages() {
  [ $# -eq 0 ] && return 0
  local packages=() p
  for p in "$@"; do packages+=("$(fc_distro_package_name "$p")"); done
  local apt_get
  apt_get=$(command -v apt-get 2>/dev/null || true)
  if [ -z "$apt_get" ] || [ ! -x "$apt_get" ]; then
    echo "$FC_SCRIPT: missing ${packages[*]} (Debian package names), and this system has no apt-get." >&2
    echo "$FC_SCRIPT: install them with your package manager, then run $FC_SCRIPT again. Nothing was installed." >&2
    exit 2
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "$FC_SCRIPT: missing ${packages[*]}; run as root: apt-get install ${packages[*]}" >&2
      exit 2
    fi
    sudo=(sudo)
  fi
  echo "$FC_SCRIPT: installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  # One call: apt resolves every package before it unpacks any, so an unknown name
  # stops it with nothing installed.
  "${sudo[@]}" apt-get install -y -qq "${packages[@]}"
}

fc_require_swift() {
  if ! command -v swift >/dev/null 2>&1; then
    echo "$FC_SCRIPT: swift is not on PATH; install Swift 6 first (the toolchain's usr/bin on PATH)." >&2
    exit 2
  fi
}
