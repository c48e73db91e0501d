#!/bin/sh
# The cost of a durable write (RELIABILITY.md, "Durability").
#
#   benches/fsync.sh [WRITES] [DIR]
#
# Copies sample-province into a fresh repository under DIR (default: $TMPDIR or /tmp;
# put it on the disk you mean to measure: a tmpfs makes fsync free), then runs WRITES
# `dabir person add` one after the other, with fsync (the default) and with
# DABIR_FSYNC=off, in alternating rounds, and prints the wall time per write of each.
# Then counts the fsync calls of one write with strace (when strace is installed).
# The binary is $DABIR_BIN, else $CARGO_TARGET_DIR/release/dabir, else target/release/dabir
# (`cargo build --release --locked` first).
set -eu
WRITES=${1:-50}
BASE=${2:-${TMPDIR:-/tmp}}
HERE=$(cd "$(dirname "$0")/.." && pwd)
BIN=${DABIR_BIN:-${CARGO_TARGET_DIR:-$HERE/target}/release/dabir}
[ -x "$BIN" ] || { echo "no $BIN: cargo build --release --locked" >&2; exit 3; }
WORK=$(mktemp -d "$BASE/dabir-fsync.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export DABIR_NOW=2025-12-06T09:30:00+03:30 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid GIT_CONFIG_NOSYSTEM=1

fresh() {
    rm -rf "$WORK/r"
    cp -r "$HERE/sample-province" "$WORK/r"
    git -C "$WORK/r" init -q -b main
    git -C "$WORK/r" add -A
    git -C "$WORK/r" commit -qm records
}

# run MODE: WRITES writes with DABIR_FSYNC=MODE; prints milliseconds per write.
run() {
    fresh
    start=$(date +%s%N)
    i=0
    while [ "$i" -lt "$WRITES" ]; do
        DABIR_FSYNC=$1 "$BIN" -C "$WORK/r" -q person add "ESF-P-$((5000 + i))" --name "نام $i" >/dev/null
        i=$((i + 1))
    done
    end=$(date +%s%N)
    echo $(((end - start) / WRITES / 1000))
}

echo "disk: $(df -P "$WORK" | awk 'NR==2 {print $1}') ($(stat -f -c %T "$WORK")), $WRITES writes a round"
for round in 1 2 3; do
    off=$(run off)
    on=$(run on)
    echo "round $round: fsync off $((off / 1000)).$(((off % 1000) / 100)) ms/write, on $((on / 1000)).$(((on % 1000) / 100)) ms/write, cost $(((on - off) / 1000)).$((((on - off) % 1000 + 1000) % 1000 / 100)) ms"
done
if command -v strace >/dev/null; then
    fresh
    strace -f -c -o "$WORK/strace" -e trace=fsync,fdatasync,openat \
        "$BIN" -C "$WORK/r" -q person add ESF-P-9999 --name "نام" >/dev/null
    echo "one write: $(awk '$NF=="fsync" {print $4}' "$WORK/strace") fsync calls"
    DABIR_FSYNC=off strace -f -c -o "$WORK/strace" -e trace=fsync,fdatasync \
        "$BIN" -C "$WORK/r" -q person add ESF-P-9998 --name "نام" >/dev/null
    off=$(awk '$NF=="fsync" {print $4}' "$WORK/strace")
    echo "one write with DABIR_FSYNC=off: ${off:-0} fsync calls"
fi
