#!/usr/bin/env bash
# The console on a terminal: test/console.c again on a pseudo-terminal (made
# by util-linux's script), where standard output is a console; then its
# control-handler child: after CTRL_CLOSE_EVENT (SIGTERM) the process ends
# even though the handler returned TRUE, and Ctrl+C (SIGINT) that no handler
# takes ends it through the default handler, each by its signal.
#
#   console.sh <test_console>
set -euo pipefail
prog=$1
fail=0
if ! command -v script >/dev/null; then
    echo "console: util-linux script not found; the terminal part is skipped"
else
    out=$(WS2P_EXPECT_CONSOLE=1 timeout 60 script -qefc "$prog" /dev/null </dev/null 2>&1) || {
        echo "$out"
        echo "FAIL: test_console on a pseudo-terminal"
        fail=1
    }
    grep -q 'console: h' <<<"$out" || { echo "FAIL: no console output seen"; fail=1; }
    grep -q $'\e\\[0;91;44m' <<<"$out" || { echo "FAIL: no colour sequence for red on blue"; fail=1; }
    grep -q $'\e\\]0;ws2posix console test' <<<"$out" || { echo "FAIL: no title sequence"; fail=1; }
fi

# child <mode> <signal> <expected status> <expected handler line>
child() {
    local mode=$1 sig=$2 want=$3 line=$4 log
    log=$(mktemp)
    # Job control, so that the child does not start with SIGINT ignored (as
    # a plain background job would: the inherited ignore-Ctrl+C attribute).
    set -m
    WS2P_CTRL_CHILD=$mode "$prog" >"$log" 2>&1 &
    local pid=$!
    set +m
    for _ in $(seq 100); do grep -q ready "$log" && break; sleep 0.05; done
    kill "-$sig" "$pid"
    local status=0
    wait "$pid" || status=$?
    if [ "$status" != "$want" ] || ! grep -qx "$line" "$log"; then
        echo "FAIL: WS2P_CTRL_CHILD=$mode after SIG$sig: status $status (want $want); output:"
        cat "$log"
        fail=1
    fi
    rm -f "$log"
}
child close TERM 143 "handler 2"
child default INT 130 "handler 0"

# Started with SIGINT ignored (a background job without job control): the
# ignore-Ctrl+C attribute is inherited, as on Windows; the handler never
# sees the SIGINT, and SIGTERM still ends it.
log=$(mktemp)
WS2P_CTRL_CHILD=close "$prog" >"$log" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q ready "$log" && break; sleep 0.05; done
kill -INT "$pid"
sleep 0.3
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
if [ "$status" != 143 ] || grep -q "handler 0" "$log"; then
    echo "FAIL: inherited SIGINT ignore: status $status; output:"
    cat "$log"
    fail=1
fi
rm -f "$log"

# The standard handles as file handles: input from a file, output to one.
dir=$(mktemp -d)
printf 'stdio text\n' >"$dir/in"
if ! WS2P_STDIO_CHILD=1 timeout 60 "$prog" <"$dir/in" >"$dir/out" 2>"$dir/err"; then
    cat "$dir/err"
    echo "FAIL: WS2P_STDIO_CHILD: test_console with files for standard input and output"
    fail=1
fi
grep -qx 'stdio: copied' "$dir/out" || { echo "FAIL: WriteFile to standard output missing:"; cat "$dir/out"; fail=1; }
rm -rf "$dir"

echo "console: $([ $fail = 0 ] && echo passed || echo FAILED)"
exit $fail
