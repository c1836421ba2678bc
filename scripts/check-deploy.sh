#!/usr/bin/env bash
# Deployment checks, run by scripts/check.sh after the binaries are built:
#   units     systemd-analyze verify on the units, as installed by `make install`
#   sandbox   systemd-analyze security --offline: scim-server.service exposure <= 2.0
#   install   `make install DESTDIR=tmp`: every file where expected, with its mode
#   deb       `make deb`: control fields, Depends covering every linked library, conffiles,
#             maintainer scripts, file list
#   nginx     `nginx -t` on the installed site + snippets in a temp prefix, throwaway cert
# Needs no network and installs nothing: everything happens under one temp folder.
# Last line: "RESULT <passed> <failed>"; exits non-zero when anything failed.
set -u
umask 022
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$repo" || exit 2

MAX_EXPOSURE=2.0
UNITS=(scim-server.socket scim-server.service scim-migrate.service)

passed=0
failed=0
tmp=$(mktemp -d /tmp/scim-deploy.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# submake TARGET VAR=VALUE...: a sub-make with the default layout, free of the jobserver
# and of the variables (command-line ones are exported) of the make that runs this script.
submake() {
  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u DESTDIR -u VERSION \
    -u DEB_DIR -u DEB_STAGE -u DEB_DEPENDS -u DEB_RECOMMENDS -u DEB_MAINTAINER \
    timeout 120 make --no-print-directory PREFIX=/usr SYSCONFDIR=/etc "$@"
}

# run NAME FUNCTION: one counted test; the function's output goes to a log shown on failure.
run() {
  local name=$1 fn=$2 log=$tmp/$1.log start=$EPOCHREALTIME took
  "$fn" >"$log" 2>&1
  local rc=$?
  took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }')
  note=${note:+$note, }$took
  if ((rc == 0)); then
    echo "deploy: ok   $name ($note)"
    passed=$((passed + 1))
  else
    echo "deploy: FAIL $name ($note)"
    sed 's/^/    /' "$log" | tail -n 40
    failed=$((failed + 1))
  fi
  note=
}
note=

need() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "missing command: $cmd (make deps installs it)"; return 1; }
  done
}

# The `make install` tree every test below reads (made once).
STAGE=$tmp/stage
staged=
stage() {
  [[ -n $staged ]] && return "$staged"
  if submake install DESTDIR="$STAGE" >"$tmp/make-install.log" 2>&1; then staged=0; else
    staged=1
    echo "make install DESTDIR=$STAGE failed:"
    tail -n 20 "$tmp/make-install.log"
  fi
  return "$staged"
}

# ---------------------------------------------------------------- units

# A root for systemd-analyze --root: the installed tree, the host's own units (for
# sysinit.target, sockets.target, ...; ours take precedence) and every other program
# an Exec*= line names (/bin/kill).
VROOT=$tmp/vroot
make_vroot() {
  [[ -d $VROOT ]] && return 0
  stage || return 1
  local unitdir prog
  cp -a "$STAGE" "$VROOT" || return 1
  unitdir=$(readlink -f /lib/systemd/system)
  cp -an "$unitdir/." "$VROOT/usr/lib/systemd/system/" || return 1
  for prog in $(sed -n 's/^Exec[A-Za-z]*=[-@:+!]*\(\/[^ ]*\).*/\1/p' "$STAGE"/usr/lib/systemd/system/*); do
    [[ -e $VROOT$prog ]] && continue
    [[ -x $prog ]] || { echo "$prog (named by an Exec line) exists neither installed nor on this host"; return 1; }
    mkdir -p "$VROOT$(dirname "$prog")" && cp "$(readlink -f "$prog")" "$VROOT$prog" || return 1
  done
}

test_units() {
  need systemd-analyze || return 1
  make_vroot || return 1
  local out rc
  out=$(cd / && systemd-analyze verify --root="$VROOT" "${UNITS[@]}" 2>&1)
  rc=$?
  printf '%s\n' "$out"
  # verify only warns (exit 0) on unknown keys and the like: any output is a failure.
  [[ $rc -eq 0 && -z $out ]]
}

test_sandbox() {
  need systemd-analyze || return 1
  make_vroot || return 1
  local out score unit ok=0
  for unit in scim-server.service scim-migrate.service; do
    out=$(cd / && systemd-analyze security --offline=yes --root="$VROOT" "$unit" 2>&1)
    score=$(printf '%s\n' "$out" | sed -n "s/.*Overall exposure level for $unit: \([0-9.]*\).*/\1/p")
    if [[ -z $score ]]; then
      printf '%s\n' "$out" | tail -n 5
      echo "no exposure level for $unit"
      return 1
    fi
    echo "$unit exposure $score"
    [[ $unit == scim-server.service ]] || continue
    note="exposure $score"
    if awk -v s="$score" -v m="$MAX_EXPOSURE" 'BEGIN { exit !(s <= m) }'; then ok=1; else
      printf '%s\n' "$out" | grep -F '✗'
      echo "$unit exposure $score is over $MAX_EXPOSURE"
    fi
  done
  ((ok))
}

# ---------------------------------------------------------------- install

# expect ROOT PATH MODE: PATH exists under ROOT as a regular file with MODE.
expect() {
  local mode
  if [[ ! -f $1$2 ]]; then echo "missing: $2"; return 1; fi
  mode=$(stat -c %a "$1$2")
  [[ $mode == "$3" ]] || { echo "mode of $2 is $mode, expected $3"; return 1; }
}

test_install() {
  stage || return 1
  local bad=0 f unit
  expect "$STAGE" /usr/bin/scim-server 755 || bad=1
  expect "$STAGE" /usr/bin/scimctl 755 || bad=1
  for f in sql/*.sql; do expect "$STAGE" "/usr/share/scim/sql/${f##*/}" 644 || bad=1; done
  for unit in "${UNITS[@]}"; do expect "$STAGE" "/usr/lib/systemd/system/$unit" 644 || bad=1; done
  expect "$STAGE" /usr/lib/sysusers.d/scim-server.conf 644 || bad=1
  for f in nginx/snippets/*; do expect "$STAGE" "/etc/nginx/snippets/${f##*/}" 644 || bad=1; done
  expect "$STAGE" /etc/nginx/sites-available/scim.conf 644 || bad=1
  expect "$STAGE" /etc/scim/scim.env 640 || bad=1
  expect "$STAGE" /usr/share/doc/scim-server/README.md 644 || bad=1
  expect "$STAGE" /usr/share/doc/scim-server/scim.env.example 644 || bad=1
  cmp -s build/scim-server "$STAGE/usr/bin/scim-server" || { echo "installed scim-server differs from build/"; bad=1; }
  # Every absolute program a unit runs is installed (or, like /bin/kill, part of the OS).
  local prog
  for prog in $(sed -n 's/^Exec[A-Za-z]*=[-@:+!]*\(\/[^ ]*\).*/\1/p' "$STAGE"/usr/lib/systemd/system/*); do
    [[ -x $STAGE$prog || ($prog != /usr/bin/scim* && -x $prog) ]] || { echo "unit runs missing $prog"; bad=1; }
  done
  # PREFIX moves the binaries and what the units run.
  local alt=$tmp/stage-local
  if submake install DESTDIR="$alt" PREFIX=/usr/local >"$tmp/make-install-local.log" 2>&1; then
    expect "$alt" /usr/local/bin/scim-server 755 || bad=1
    expect "$alt" /usr/local/lib/systemd/system/scim-server.service 644 || bad=1
    grep -q '^ExecStart=/usr/local/bin/scim-server' "$alt/usr/local/lib/systemd/system/scim-server.service" ||
      { echo "PREFIX=/usr/local: ExecStart does not name /usr/local/bin/scim-server"; bad=1; }
    grep -q '^ExecStart=/usr/local/bin/scimctl migrate /usr/local/share/scim/sql' \
      "$alt/usr/local/lib/systemd/system/scim-migrate.service" ||
      { echo "PREFIX=/usr/local: scim-migrate does not run /usr/local/bin/scimctl on /usr/local/share/scim/sql"; bad=1; }
  else
    tail -n 20 "$tmp/make-install-local.log"
    bad=1
  fi
  ((bad == 0))
}

# ---------------------------------------------------------------- deb

# path_variants LIBPATH: the spellings dpkg may know a library by (/lib and /usr/lib
# are one folder on a merged-/usr system, and ldd names symlinks).
path_variants() {
  local p=$1 real
  real=$(readlink -f "$p")
  printf '%s\n' "$p" "$real" "${p#/usr}" "/usr${p#/usr}" "${real#/usr}" "/usr${real#/usr}"
}

test_deb() {
  need dpkg-deb dpkg readelf ldd || return 1
  local out=$tmp/deb version=1.2.3-check arch deb bad=0 f
  arch=$(dpkg --print-architecture)
  deb=$out/scim-server_${version}_$arch.deb
  submake deb DEB_DIR="$out" VERSION="$version" >"$tmp/make-deb.log" 2>&1 ||
    { tail -n 20 "$tmp/make-deb.log"; return 1; }
  [[ -f $deb ]] || { echo "make deb did not write $deb"; ls -l "$out"; return 1; }
  dpkg-deb -I "$deb" >/dev/null || return 1
  field() { dpkg-deb -f "$deb" "$1"; }
  [[ $(field Package) == scim-server ]] || { echo "Package is not scim-server"; bad=1; }
  [[ $(field Version) == "$version" ]] || { echo "Version is not $version"; bad=1; }
  [[ $(field Architecture) == "$arch" ]] || { echo "Architecture is not $arch"; bad=1; }
  for f in Maintainer Description Installed-Size; do
    [[ -n $(field "$f") ]] || { echo "no $f"; bad=1; }
  done
  local depends recommends dep
  depends=",$(field Depends | tr -d ' ')," recommends=",$(field Recommends | tr -d ' '),"
  for dep in libfcgi0ldbl libjsoncpp25 libsoci-core4.0 libsoci-postgresql4.0 libpq5 libssl3 \
    libargon2-1 libsystemd0 libstdc++6 libc6; do
    [[ $depends == *",$dep"[,\ \(]* ]] || { echo "Depends lacks $dep"; bad=1; }
  done
  for dep in nginx postgresql; do
    [[ $recommends == *",$dep"[,\ \(]* ]] || { echo "Recommends lacks $dep"; bad=1; }
  done
  # Every library the binaries link directly comes from a package in Depends
  # (one dpkg -S for all of them: each call reads the whole file database).
  local bin lib path pkg line resolved
  local -A lib_path=() owner=()
  for bin in build/scim-server build/scimctl; do
    resolved=$(ldd "$bin")
    for lib in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
      lib_path[$lib]=$(awk -v l="$lib" '$1 == l && $2 == "=>" { print $3 }' <<<"$resolved")
    done
  done
  while IFS= read -r line; do
    [[ $line == *": /"* ]] || continue
    owner[${line##*: }]=${line%%[:,]*}
  done < <(for path in "${lib_path[@]}"; do [[ -n $path ]] && path_variants "$path"; done |
    sort -u | xargs -r dpkg -S 2>/dev/null)
  for lib in "${!lib_path[@]}"; do
    pkg=
    if [[ -n ${lib_path[$lib]} ]]; then
      while IFS= read -r path; do
        [[ -n ${owner[$path]:-} ]] && { pkg=${owner[$path]}; break; }
      done < <(path_variants "${lib_path[$lib]}")
    fi
    if [[ -z $pkg ]]; then
      echo "the binaries link $lib (${lib_path[$lib]:-not found}), which no installed package ships"; bad=1
    elif [[ $depends != *",$pkg"[,\ \(]* ]]; then
      echo "the binaries link $lib from $pkg, missing in Depends"; bad=1
    fi
  done
  local ctl=$tmp/deb-control
  dpkg-deb -e "$deb" "$ctl" || return 1
  for f in /etc/scim/scim.env /etc/nginx/sites-available/scim.conf nginx/snippets/*; do
    [[ $f == nginx/* ]] && f=/etc/nginx/snippets/${f##*/}
    grep -qxF "$f" "$ctl/conffiles" || { echo "conffiles lacks $f"; bad=1; }
  done
  for f in postinst prerm postrm; do
    if ! [[ -x $ctl/$f ]] || ! sh -n "$ctl/$f"; then echo "maintainer script $f missing or not valid sh"; bad=1; fi
  done
  local list=$tmp/deb-files
  dpkg-deb -c "$deb" >"$list" || return 1
  # `dpkg-deb -c` lines: mode owner/group size date time ./path
  has() {
    awk -v p="./${1#/}" -v m="$2" '$6 == p && $1 == m && $2 == "root/root" { found = 1 } END { exit !found }' "$list" ||
      { echo "package lacks $1 as $2 root/root"; bad=1; }
  }
  has /usr/bin/scim-server -rwxr-xr-x
  has /usr/bin/scimctl -rwxr-xr-x
  for f in sql/*.sql; do has "/usr/share/scim/sql/${f##*/}" -rw-r--r--; done
  for f in "${UNITS[@]}"; do has "/usr/lib/systemd/system/$f" -rw-r--r--; done
  has /usr/lib/sysusers.d/scim-server.conf -rw-r--r--
  for f in nginx/snippets/*; do has "/etc/nginx/snippets/${f##*/}" -rw-r--r--; done
  has /etc/nginx/sites-available/scim.conf -rw-r--r--
  has /etc/scim/scim.env -rw-r-----
  has /usr/share/doc/scim-server/README.md -rw-r--r--
  ((bad == 0))
}

# ---------------------------------------------------------------- nginx

# free_port: a local TCP port nobody listens on now.
free_port() {
  local port i
  for ((i = 0; i < 50; i++)); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
  return 1
}

# The installed site inside a minimal nginx.conf, as Debian's nginx.conf reads it
# (sites-enabled/* inside http), its absolute paths moved into a temp prefix.
# `nginx -t` binds every listen address, so ports 80/443 would clash with a running
# nginx: each listen port becomes a free local one, IPv4 on 127.0.0.1 and IPv6 on
# 127.0.0.2 (no IPv6 needed).
test_nginx() {
  need nginx openssl || return 1
  stage || return 1
  local ngx=$tmp/nginx
  mkdir -p "$ngx"/{snippets,sites-enabled,log,run,tmp,ssl} || return 1
  cp "$STAGE"/etc/nginx/snippets/* "$ngx/snippets/" || return 1
  cp /etc/nginx/fastcgi_params /etc/nginx/mime.types "$ngx/" || return 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -keyout "$ngx/ssl/key.pem" -out "$ngx/ssl/cert.pem" -subj /CN=scim.example.com >/dev/null 2>&1 ||
    { echo "openssl req failed"; return 1; }
  sed -E \
    -e "s#^([[:space:]]*ssl_certificate[[:space:]]+)[^;]+;#\1$ngx/ssl/cert.pem;#" \
    -e "s#^([[:space:]]*ssl_certificate_key[[:space:]]+)[^;]+;#\1$ngx/ssl/key.pem;#" \
    -e "s#/etc/nginx/#$ngx/#g" -e "s#/var/log/nginx/#$ngx/log/#g" -e "s#/run/#$ngx/run/#g" \
    "$STAGE/etc/nginx/sites-available/scim.conf" >"$ngx/site.conf" || return 1
  local port free ports=""
  for port in $(sed -nE 's/^[[:space:]]*listen[[:space:]]+([^[:space:];]*:)?([0-9]+)[[:space:];].*/\2/p' \
    "$ngx/site.conf" | sort -u); do
    free=$(free_port) || { echo "no free local port"; return 1; }
    ports+="$port=$free "
  done
  PORTS=$ports perl -pe '
    BEGIN { %port = map { (split /=/, $_) } split " ", $ENV{PORTS} }
    s{^(\s*listen\s+)(?:(?:(\[[^\]]*\])|[^\s;:\[]+):)?(\d+)(?=[\s;])}{$1 . ($2 ? "127.0.0.2" : "127.0.0.1") . ":$port{$3}"}e;
  ' "$ngx/site.conf" >"$ngx/sites-enabled/scim.conf" || return 1
  grep -nE '^[[:space:]]*listen' "$ngx/sites-enabled/scim.conf"
  # The http-level snippet (log format, rate-limit zones) belongs in the http block: the
  # site includes it; should a site stop doing so, nginx.conf has to.
  local http_include=""
  if [[ -f $ngx/snippets/scim-http.conf ]] && ! grep -q 'scim-http\.conf' "$ngx/sites-enabled/scim.conf"; then
    http_include="include snippets/scim-http.conf;"
  fi
  cat >"$ngx/nginx.conf" <<EOF
pid $ngx/run/nginx.pid;
error_log $ngx/log/error.log;
events { worker_connections 64; }
http {
    include mime.types;
    default_type application/octet-stream;
    access_log $ngx/log/access.log;
    client_body_temp_path $ngx/tmp/client_body;
    fastcgi_temp_path $ngx/tmp/fastcgi;
    proxy_temp_path $ngx/tmp/proxy;
    uwsgi_temp_path $ngx/tmp/uwsgi;
    scgi_temp_path $ngx/tmp/scgi;
    $http_include
    include sites-enabled/*;
}
EOF
  (cd "$ngx" && timeout 30 nginx -p "$ngx/" -c "$ngx/nginx.conf" -e "$ngx/log/error.log" -t)
}

run units test_units
run sandbox test_sandbox
run install test_install
run deb test_deb
run nginx test_nginx

echo "RESULT $passed $failed"
[[ $failed -eq 0 ]]
