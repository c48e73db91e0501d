#!/bin/sh
# fuzz/run.sh TARGET SECONDS: build one fuzz target with afl's instrumentation (AFL++,
# built from source by `cargo install cargo-afl`) and fuzz it for SECONDS.
#
# Targets (bodies in src/fuzzing.rs): loader, roundtrip, date, name.
# Seeds: the records of sample-province and sample-national (the first byte picks the
# kind), a few dates and names; generated here, nothing large committed.
# Output: $FUZZ_OUT/TARGET (default fuzz/out/TARGET, ignored by git); the figures
# (executions, crashes, hangs, slowest execution, peak memory) are printed at the end.
# A crash is an input in $FUZZ_OUT/TARGET/*/crashes/: copy it to
# fuzz/regressions/TARGET/, where `cargo test --lib fuzzing` replays it, and fix it.
set -eu
TARGET=${1:?usage: fuzz/run.sh loader|roundtrip|date|name SECONDS}
SECONDS_=${2:?usage: fuzz/run.sh TARGET SECONDS}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=${FUZZ_OUT:-$HERE/out}/$TARGET
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HERE/target}

(cd "$HERE" && cargo afl build --release --locked --bin "$TARGET")
BIN=$CARGO_TARGET_DIR/release/$TARGET

SEEDS=$OUT.seeds
rm -rf "$SEEDS"
mkdir -p "$SEEDS" "$OUT"
case $TARGET in
loader | roundtrip)
    i=0
    for dir in bodies people committees meetings decisions clusters plans reports reviews disputes programmes progress; do
        for f in $(find "$ROOT/sample-province/$dir" "$ROOT/sample-national/$dir" -name '*.yaml' 2>/dev/null | sort); do
            n=$(basename "$f" .yaml)
            { printf "\\$(printf '%03o' "$i")"; cat "$f"; } >"$SEEDS/$n"
        done
        i=$((i + 1))
    done
    ;;
date)
    for d in 1403-02-16 '۱۴۰۳/۰۲/۱۶' 03-1-1 1403-12-30 1399-12-30 ' 1404-06-31 ' 0001-01-01 9999-12-29; do
        printf '%s' "$d" >"$SEEDS/$(printf '%s' "$d" | od -An -tx1 | tr -d ' \n')"
    done
    ;;
name)
    grep -h '^name:' "$ROOT"/sample-province/people/*.yaml "$ROOT"/sample-province/bodies/*.yaml |
        head -20 | sed 's/^name: //' | while read -r n; do
        printf '%s' "$n" >"$SEEDS/$(printf '%s' "$n" | cksum | cut -d' ' -f1)"
    done
    printf 'ر\331\212\331\224یس خان\333\225\331\224' >"$SEEDS/nfd"
    printf 'Ábc İ ǅ ﬁ ①' >"$SEEDS/latin"
    ;;
*)
    echo "unknown target $TARGET" >&2
    exit 2
    ;;
esac

# No UI, no CPU pinning (the machine is shared), no core_pattern or CPU governor demands;
# an existing output directory is resumed. FUZZ_JOBS=N (default 1) runs N instances on
# one corpus (afl's -M main and -S secondaries), one per core: N times the executions in
# the same time.
export AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
JOBS=${FUZZ_JOBS:-1}
INPUT=$SEEDS
ls "$OUT"/*/fuzzer_stats >/dev/null 2>&1 && INPUT=-
fuzz() { # NAME [-M NAME | -S NAME]: one instance, its log in $OUT.NAME.log
    log=$OUT.$1.log
    shift
    cargo afl fuzz -i "$INPUT" -o "$OUT" "$@" -V "$SECONDS_" -- "$BIN" >"$log" 2>&1 || {
        tail -30 "$log" >&2
        return 3
    }
}
if [ "$JOBS" -le 1 ]; then
    fuzz default || exit 3
else
    n=2
    while [ "$n" -le "$JOBS" ]; do
        fuzz "s$n" -S "s$n" &
        n=$((n + 1))
    done
    fuzz main -M main || exit 3
    wait || exit 3
fi
rm -rf "$SEEDS"
# The figures, summed (executions, crashes, hangs) or the largest (the rest) over the
# instances.
for k in run_time execs_done execs_per_sec corpus_count saved_crashes saved_hangs slowest_exec_ms peak_rss_mb; do
    case $k in
    execs_done | execs_per_sec | saved_crashes | saved_hangs) op=sum ;;
    *) op=max ;;
    esac
    printf '%s: %s\n' "$k" "$(awk -F' *: *' -v k="$k" -v op="$op" '$1==k { v = $2 + 0; if (op == "sum") t += v; else if (v > t) t = v } END { print t + 0 }' "$OUT"/*/fuzzer_stats)"
done
ls "$OUT"/*/crashes 2>/dev/null | grep -v -e README -e '^$' -e ':$' || true
