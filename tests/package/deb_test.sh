#!/usr/bin/env bash
# The Debian package: built with cpack from the build folder ($1) into a
# scratch folder, it holds both programs, the systemd unit (its own user, a
# 0700 state directory, ProtectSystem=strict), the documentation and the
# maintainer scripts; the packaged trainhubd, unpacked into a scratch root,
# starts and answers the packaged CLI's health check.
set -euo pipefail
build=$1
work=$(mktemp -d)
server=0
cleanup() {
  if ((server)); then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb=$(ls "$work"/out/trainhub_*.deb) || fail "no .deb made"

dpkg-deb -c "$deb" >"$work/contents"
for f in ./usr/bin/trainhubd ./usr/bin/trainhub ./usr/lib/systemd/system/trainhub.service \
  ./usr/share/doc/trainhub/operations.md ./usr/share/doc/trainhub/README.md; do
  grep -q " $f\$" "$work/contents" || fail "the package lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in adduser libgrpc fonts-noto-core libsqlite3; do
  [[ $depends == *"$d"* ]] || fail "Depends lacks $d: $depends"
done

dpkg-deb -e "$deb" "$work/control"
grep -q "adduser --system" "$work/control/postinst" || fail "postinst makes no system user"
grep -q "install -d -m 0700 /var/lib/trainhub" "$work/control/postinst" ||
  fail "postinst makes no private state directory"
[ -x "$work/control/postinst" ] || fail "postinst is not executable"

dpkg-deb -x "$deb" "$work/root"
unit="$work/root/usr/lib/systemd/system/trainhub.service"
for line in "User=trainhub" "StateDirectory=trainhub" "StateDirectoryMode=0700" \
  "ProtectSystem=strict" "NoNewPrivileges=yes" "ExecStart=/usr/bin/trainhubd" \
  "Environment=TRAINHUB_DB=/var/lib/trainhub/trainhub.db"; do
  grep -qx "$line" "$unit" || fail "the unit lacks $line"
done

mkdir -m 700 "$work/state"
"$work/root/usr/bin/trainhubd" --listen 127.0.0.1:0 --db "$work/state/trainhub.db" \
  >"$work/server.log" 2>&1 &
server=$!
port=""
for _ in $(seq 1 600); do  # up to 30 s: the suite runs tests in parallel
  port=$(grep -o '(port [0-9]*' "$work/server.log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { cat "$work/server.log"; fail "the packaged trainhubd did not start"; }
"$work/root/usr/bin/trainhub" --server "127.0.0.1:$port" health >/dev/null ||
  fail "the packaged CLI got no health answer"
mode=$(stat -c %a "$work/state/trainhub.db")
[ "$mode" = 600 ] || fail "the database is mode $mode, not 600"
echo "ok: $(basename "$deb") ($(stat -c %s "$deb") bytes)"
