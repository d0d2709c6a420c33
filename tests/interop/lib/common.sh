# common.sh - logging, bounded waits and the record of what this run started.
#
# Everything a scenario creates is written to $STATE (a directory under the run directory):
#   $STATE/namespaces   one namespace name per line, only ones this run created
#   $STATE/procs        "pid starttime label" per background process this run started
# teardown_state reads those two files and nothing else, so it never touches what it did not
# create. It is idempotent and can run from a different process (the suite calls it again after a
# scenario ends, in case the scenario was killed before its own trap ran).

log()  { printf '%s %s\n' "$(date +%H:%M:%S.%3N)" "$*" >>"${RUN_LOG:-/dev/stderr}"; }
say()  { printf '%s\n' "$*"; log "$*"; }
die()  { say "error: $*"; exit 2; }

# no_match FILE ERE: FILE is there and readable and no line matches ERE. A "! grep" on a log that
# was never written would pass; this fails instead (the instrument must work for "nothing" to count).
no_match() {
    [[ -r $1 && -f $1 ]] || { log "no_match: $1 is missing or unreadable"; return 1; }
    ! grep -Eq "$2" "$1"
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds or SECONDS pass.
wait_for() {
    local deadline=$(( $(date +%s%N) + $1 * 1000000000 )); shift
    while true; do
        "$@" >/dev/null 2>&1 && return 0
        (( $(date +%s%N) >= deadline )) && return 1
        sleep 0.2
    done
}

# Start time (clock ticks since boot, field 22 of /proc/PID/stat): a PID plus its start time names
# one process; a recycled PID has a different start time and is never signalled.
proc_starttime() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    set -- $stat
    echo "${20}"
}

# register_pid PID LABEL: remember a background process started by this run.
register_pid() {
    local st
    st=$(proc_starttime "$1") || st=gone
    echo "$1 $st $2" >>"$STATE/procs"
    log "started $2 pid $1"
}

same_process() { [[ $(proc_starttime "$1" 2>/dev/null) == "$2" ]]; }

# stop_pid PID STARTTIME: TERM, up to 5 s, then KILL; only if it is still the same process.
stop_pid() {
    local pid=$1 st=$2 i
    same_process "$pid" "$st" || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 25; i++)); do
        same_process "$pid" "$st" || return 0
        sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null
    for ((i = 0; i < 10; i++)); do
        same_process "$pid" "$st" || return 0
        sleep 0.1
    done
}

# stop_label LABEL: stop the registered processes with that label (e.g. the capture before reading it).
stop_label() {
    local pid st label
    [[ -f $STATE/procs ]] || return 0
    while read -r pid st label; do
        [[ $label == "$1" ]] && stop_pid "$pid" "$st"
    done <"$STATE/procs"
    return 0
}

# teardown_state STATE_DIR: stop every recorded process, then whatever is still inside the recorded
# namespaces (only this run's namespaces hold only this run's processes), then delete them.
teardown_state() {
    local dir=$1 pid st label ns left
    [[ -d $dir ]] || return 0
    if [[ -f $dir/procs ]]; then
        while read -r pid st label; do
            stop_pid "$pid" "$st"
        done <"$dir/procs"
    fi
    if [[ -f $dir/namespaces ]]; then
        while read -r ns; do
            [[ -n $ns && -e /run/netns/$ns ]] || continue
            left=$(ip netns pids "$ns" 2>/dev/null)
            if [[ -n $left ]]; then
                kill -TERM $left 2>/dev/null; sleep 0.5
                left=$(ip netns pids "$ns" 2>/dev/null)
                [[ -n $left ]] && kill -KILL $left 2>/dev/null && sleep 0.2
            fi
            ip netns del "$ns" 2>/dev/null || log "could not delete namespace $ns"
        done <"$dir/namespaces"
    fi
    : >"$dir/procs"; : >"$dir/namespaces"
}

# hex of a string (PSKs go into swanctl.conf as 0x<hex> so no character can break the file)
to_hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
