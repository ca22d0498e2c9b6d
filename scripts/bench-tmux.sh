#!/usr/bin/env bash
# bench-tmux.sh — what a user feels: newsread in a tmux pane, timed from outside.
#
#   scripts/bench-tmux.sh [-n RUNS] [-lib DIR] [-keep]
#
# Measures (medians of RUNS runs, default 5), each beside a baseline taken in the same run:
#   launch → first frame      embedded stories, and a 100,000-story folder (status " stories")
#                             baseline: `sh -c 'echo ready; exec cat'` → "ready" on screen;
#                             as a user meets it: the window opens on a shell waiting for a
#                             key, its output already handed to the stamping reader (below),
#                             and the key execs the program; timed by the first output whose
#                             text shows the status, waited for on the reader's file, so that
#                             no poll of the screen runs while the program starts. The
#                             embedded launch and its baseline are also timed as before stop
#                             15, polled flat out from the window's start, as "(polled flat
#                             out from the start)": those polls take CPU from the program
#                             while it starts (a poll forks a tmux client)
#   launch → all loaded       100k: status "100000 / 100000 stories" without "loading",
#                             timed by the chunk of the pane's output that drew it: `tmux
#                             pipe-pane` hands the pane's output to a reader that stamps each
#                             chunk as it arrives and keeps a copy (a blocking read: no
#                             polling, no CPU taken); the screen is looked at every 0.5 s only
#                             (a look forks a tmux client: looking every 50 ms, as before stop
#                             18, made a first start's load 80 ms slower on 2 cores), and the
#                             chunk is then found by replaying the copied output into a fresh
#                             window of the same size, up to the end of a chunk stamped since
#                             the look before (a binary search over those). The look's own
#                             times are printed too, as "(seen by a look every 0.5 s)";
#                             cold (--no-cache: every file parsed and indexed), first start
#                             (an empty cache: the same while the term streams are gathered,
#                             then the snapshot is written) and warm (the snapshot in
#                             XDG_CACHE_HOME reused, the library unchanged)
#   key → frame               typing in the "/" prompt, toggling a tag (space in the tag pane)
#                             baseline: a key typed into `cat` → echoed on screen
#   RSS                       of the newsread process once all is loaded (ps -o rss=), cold,
#                             first start (3 s later, when the snapshot is written) and warm
#   CPU, peak                 of the cold load: the process's CPU seconds (user + system) and
#                             its peak RSS (VmHWM) when all is loaded (sampled every 20 and
#                             100 ms from /proc without a fork; the first sample after that
#                             output)
#
# A key's time is "first": the first screen change after send-keys, and "settled": the last
# change within 250 ms (a search result can follow the echo of the key). Times come from
# bash's $EPOCHREALTIME around `tmux capture-pane` polls; one poll (a fork of tmux) costs
# about POLL ms, printed below, which bounds the resolution. Net = measured − baseline.
#
# The 100k library is generated with `go run ./cmd/synth -n 100000 -seed 1` into DIR
# (default $TMPDIR/newsread-bench-lib100k) and reused on later runs; a DIR that holds anything
# else is refused, never emptied. The tmux server is a private one (-L) killed on exit;
# nothing else is touched. Runs with --no-state, a temp XDG_STATE_HOME and a temp
# XDG_CACHE_HOME, primed by one untimed launch before the runs.
set -euo pipefail

RUNS=5
LIB="${TMPDIR:-/tmp}/newsread-bench-lib100k"
KEEP=0
while [ $# -gt 0 ]; do
	case "$1" in
	-n) RUNS="$2"; shift 2 ;;
	-lib) LIB="$2"; shift 2 ;;
	-keep) KEEP=1; shift ;;
	*) echo "usage: $0 [-n RUNS] [-lib DIR] [-keep]" >&2; exit 2 ;;
	esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/newsread-bench-tmux.XXXXXX")"
SOCK="newsread-bench-$$"
W=120 H=40
T() { tmux -L "$SOCK" "$@"; }
cleanup() {
	T kill-server 2>/dev/null || true
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK" # tmux 3.3a leaves the socket file behind
	rm -rf "$WORK"
	if [ "$KEEP" = 0 ] && [ -n "${GENERATED:-}" ]; then rm -rf "$LIB"; fi
}
trap cleanup EXIT INT TERM

# µs since the epoch ($(us) is a subshell: the timed loops read $EPOCHREALTIME themselves)
us() { local t=$EPOCHREALTIME; echo "${t/./}"; }
# nap SECONDS: sleep without forking (`sleep` is a fork and an exec, which on 2 cores takes CPU
# from the program being timed): a read that times out on a pipe nobody writes to
exec {NAP}<> <(:)
nap() { read -r -t "$1" -u "$NAP" _ || true; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit} m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }

cd "$ROOT"
echo "# building newsread"
if ! go build -o "$WORK/newsread" . 2>"$WORK/build.err"; then
	# the working tree is mid-edit (others work here too): build the last commit instead
	echo "# working tree does not build ($(head -1 "$WORK/build.err")); building HEAD $(git rev-parse --short HEAD)"
	mkdir -p "$WORK/src"
	git archive HEAD | tar -x -C "$WORK/src"
	(cd "$WORK/src" && go build -o "$WORK/newsread" .)
fi
BIN="$WORK/newsread"
mkdir -p "$WORK/state"

if [ ! -f "$LIB/.complete-100000-seed1" ]; then
	# Only a folder this script began generating (and did not finish) is emptied first: -lib
	# may name someone's own news.
	if [ -e "$LIB" ] && [ ! -f "$LIB/.generating-100000-seed1" ] && [ -n "$(ls -A "$LIB" 2>/dev/null || echo x)" ]; then
		echo "$LIB is not a library this script generated (no .complete-100000-seed1): give a new or empty folder" >&2
		exit 2
	fi
	echo "# generating 100k library in $LIB"
	rm -rf "$LIB"
	mkdir -p "$LIB" && touch "$LIB/.generating-100000-seed1"
	go run ./cmd/synth -n 100000 -seed 1 -out "$LIB"
	touch "$LIB/.complete-100000-seed1"
	GENERATED=1
	[ "$KEEP" = 1 ] && GENERATED=
fi
KEEP_LIB_NOTE=""
[ -z "${GENERATED:-}" ] || KEEP_LIB_NOTE=" (removed at exit; -keep keeps it)"

T -f /dev/null new-session -d -s bench -x $W -y $H "cat"
T set -g default-size ${W}x${H}   # (window-size manual crashes tmux 3.3a on new-window)
T set -g remain-on-exit on

# app CACHE: the command line of newsread with its cache in CACHE
app() { echo "exec env XDG_STATE_HOME=$WORK/state XDG_CACHE_HOME=$1 TERM=tmux-256color $BIN --no-state"; }
APP="$(app "$WORK/cache")"
win=0

# start CMD: open a fresh window running CMD; sets PANE and T0 (µs)
start() {
	win=$((win + 1))
	PANE="bench:w$win"
	T0=$(us)
	T new-window -d -t bench -n "w$win" "$1"
}
# launch CMD REGEX: start CMD the way a user meets it, with nothing else running: the window
# opens with a shell waiting for a key, the pane's output is handed to stamp.pl, and then the
# key (T0) makes the shell exec CMD. Sets FIRST to the ms from T0 to the pane's first output
# that shows REGEX, as stamp.pl saw it ("nan" after 30 s without). It waits on stamp.pl's file,
# read every 5 ms without a fork, so that no poll takes CPU from the program as it starts; the
# screen itself is looked at every 0.5 s only, in case stamp.pl cannot tell REGEX in the
# output, and then that poll's time is taken, with a warning. Every chunk's stamp goes to
# $STAMPS too, and the output itself to $RAW, for loaded_at(). Sets PANE, like start.
launch() {
	win=$((win + 1))
	PANE="bench:w$win"
	STAMPS="$WORK/stamps-$win"
	RAW="$WORK/raw-$win"
	T new-window -d -t bench -n "w$win" "read -r _; $1"
	T pipe-pane -t "$PANE" "exec perl $WORK/stamp.pl '$2' $RAW > $STAMPS"
	sleep 0.3 # the shell waits at read, stamp.pl has started
	T0=$(us)
	T send-keys -t "$PANE" Enter
	local n=0 t
	FIRST=nan
	while :; do
		nap 0.005
		if [[ $(<"$STAMPS") =~ first\ ([0-9]+) ]]; then
			t=$((BASH_REMATCH[1] - T0))
			FIRST=$(printf '%d.%03d' $((t / 1000)) $((t % 1000)))
			return 0
		fi
		n=$((n + 1))
		(( n % 100 == 0 )) || continue
		t=$(( ${EPOCHREALTIME/./} - T0 ))
		if [[ "$(cap)" =~ $2 ]]; then
			echo "# stamp.pl did not see /$2/ in the output of $1; the poll's time is taken" >&2
			FIRST=$(printf '%d.%03d' $((t / 1000)) $((t % 1000)))
			return 0
		fi
		if (( t > 30000000 )); then echo "timeout waiting for /$2/" >&2; return 0; fi
	done
}
stop() { T kill-window -t "$PANE" 2>/dev/null || true; }
cap() { T capture-pane -p -t "$PANE" 2>/dev/null || true; }

# wait_for GREP_REGEX [NOT_REGEX] [TIMEOUT_S] [SLEEP_S]: poll until the pane matches; prints
# ms since T0. Without SLEEP_S it polls flat out (a poll is a fork of tmux: on 2 cores that
# takes CPU from newsread, so long waits poll every SLEEP_S seconds instead).
wait_for() {
	local re="$1" not="${2:-}" limit=$(( ${3:-30} * 1000000 )) pause="${4:-}" s t
	while :; do
		[ -n "$pause" ] && sleep "$pause"
		s=$(cap)
		t=${EPOCHREALTIME/./}
		if [[ "$s" =~ $re ]] && { [ -z "$not" ] || ! [[ "$s" =~ $not ]]; }; then
			echo "$(( t - T0 ))" | awk '{printf "%.3f\n", $1/1000}'
			return 0
		fi
		if (( t - T0 > limit )); then echo "timeout waiting for /$re/" >&2; echo "nan"; return 1; fi
	done
}

# key KEYS...: send keys, print "first settled" ms: the first change and the last change
# within SETTLE µs of quiet after it.
SETTLE=250000
key() {
	local before s t t0 first="" last="" quiet_from
	before=$(cap)
	t0=${EPOCHREALTIME/./}
	T send-keys -t "$PANE" "$@"
	while :; do
		s=$(cap); t=${EPOCHREALTIME/./}
		if [ "$s" != "$before" ]; then
			[ -z "$first" ] && first=$t
			last=$t; before=$s; quiet_from=$t
		fi
		if [ -n "$first" ] && (( t - quiet_from > SETTLE )); then break; fi
		if [ -z "$first" ] && (( t - t0 > 3000000 )); then first=$t; last=$t; break; fi
	done
	awk -v a=$((first - t0)) -v b=$((last - t0)) 'BEGIN {printf "%.3f %.3f\n", a/1000, b/1000}'
}

# poll cost: time of one capture-pane
start "cat"; sleep 0.2
t0=$(us); for _ in $(seq 20); do cap >/dev/null; done; t1=$(us)
POLL=$(awk -v d=$((t1 - t0)) 'BEGIN {printf "%.1f", d/20/1000}')
stop

# stamp.pl REGEX RAW writes the time (µs since the epoch) of every chunk of output read from
# its input with the length of the output up to the chunk's end ("TIME BYTES"), copies the
# output to RAW, and writes "first TIME" for the first chunk after which the output so far
# shows REGEX: its
# text with escape sequences removed, a cursor move right or a tab over N cells read as N
# blanks, a repeat of the last character as that many more of it, and a cursor move
# elsewhere as a line break (how a renderer may write a run of blanks or move about)
cat >"$WORK/stamp.pl" <<'PERL'
use Time::HiRes qw(time);
$| = 1;
my ($re, $raw, $text, $found, $bytes) = ($ARGV[0], $ARGV[1], "", 0, 0);
open(my $out, ">", $raw) or die "$raw: $!";
binmode STDIN; binmode $out;
while (sysread(STDIN, my $chunk, 65536)) {
	my $t = sprintf "%d", time * 1e6;
	syswrite $out, $chunk;
	$bytes += length $chunk;
	print "$t $bytes\n";
	next if $found;
	$text .= $chunk;
	(my $plain = $text) =~ s/\e\[(\d*)[CI]/" " x ($1 || 1)/ge;
	$plain =~ s/([^\e])\e\[(\d*)b/$1 x (($2 || 1) + 1)/ge;
	$plain =~ s/\e\[[\d;]*[HfGd`ABEF]/\n/g;
	$plain =~ s/\e\[[0-?]*[ -\/]*[@-~]|\e\][^\a\e]*(?:\a|\e\\)|\e[PX^_][^\e]*\e\\|\e[()*+].|\e.//g;
	if ($plain =~ /$re/) { print "first $t\n"; $found = 1; $text = "" }
}
PERL

loaded() { [[ "$1" =~ \ 100000\ /\ 100000\ stories ]] && ! [[ "$1" =~ loading ]]; }

# wait_loaded PID: wait until the pane shows all 100k loaded, looking at it every 0.5 s only
# (a look is a fork of tmux: on 2 cores, looking every 50 ms made the load of a first start
# 50–80 ms slower); meanwhile the process's /proc/PID/stat is sampled every 20 ms and its
# peak RSS every 100 ms, without a fork, and written at the end to $WORK/samples
# ("µs-since-T0 VmHWM-kB" and stat's fields from the 3rd on: utime and stime are the 14th and
# 15th of the line; a sample costs 0.1 ms of CPU). Prints the µs since T0 at the end of the
# look that saw it loaded and at the start of the look before it (which still saw the load
# going on), or "nan nan" after 60 s.
wait_loaded() {
	local pid=$1 s d prev=0 next=500000 stat status hwm=0 n=0
	local -a samples=()
	while :; do
		nap 0.02
		d=$(( ${EPOCHREALTIME/./} - T0 ))
		if [ -n "$pid" ] && read -r stat <"/proc/$pid/stat"; then
			if (( n++ % 5 == 0 )); then
				IFS= read -r -d '' status <"/proc/$pid/status" || true # to the end: no NUL in it
				[[ $status =~ VmHWM:[[:space:]]*([0-9]+) ]] && hwm=${BASH_REMATCH[1]}
			fi
			samples+=("$d $hwm ${stat##*) }")
		else
			pid= # it has ended
		fi 2>/dev/null
		(( d < next )) && continue
		next=$(( d + 500000 ))
		s=$(cap)
		if loaded "$s"; then
			printf '%s\n' "${samples[@]}" >"$WORK/samples"
			echo "$(( ${EPOCHREALTIME/./} - T0 )) $prev"
			return 0
		fi
		if (( d > 60000000 )); then
			printf '%s\n' "${samples[@]}" >"$WORK/samples"
			echo "timeout waiting for all loaded" >&2
			echo "nan nan"
			return 1
		fi
		prev=$d
	done
}

# replay.pl RAW BYTES DONE writes the first BYTES of RAW to its terminal unchanged (output
# processing off, as the pane got them), then asks the terminal for its status (DSR 5) and
# creates the file DONE when the answer comes: tmux answers once it has read every byte
# before the question. It then waits.
cat >"$WORK/replay.pl" <<'PERL'
my ($raw, $n, $done) = @ARGV;
system("stty", "raw", "-echo");
open(my $in, "<", $raw) or die "$raw: $!";
binmode $in; binmode STDIN; binmode STDOUT; $| = 1;
read($in, my $bytes, $n);
print $bytes, "\e[5n";
alarm 5; # no answer: no DONE, and the caller gives up
my $got = "";
while ($got !~ /\e\[0n/) { sysread(STDIN, my $c, 256) or die; $got .= $c }
alarm 0;
open(my $d, ">", $done) or die; close $d;
sleep 600;
PERL

# shows_loaded RAW BYTES: whether a fresh window of the same size shows all 100k loaded once
# the first BYTES of the output recorded in RAW are written to it; false, with REPLAY_FAILED
# set, when the replay gives no sign of being done within 5 s
shows_loaded() {
	local pane="bench:replay" done="$WORK/replayed" s n=0
	rm -f "$done"
	T new-window -d -t bench -n replay "exec perl $WORK/replay.pl $1 $2 $done"
	while [ ! -e "$done" ]; do
		nap 0.01
		if (( ++n > 500 )); then
			T kill-window -t "$pane"
			REPLAY_FAILED=1
			return 1
		fi
	done
	s=$(T capture-pane -p -t "$pane")
	T kill-window -t "$pane"
	loaded "$s"
}

# loaded_at SEEN PREV: the µs since T0 of the chunk of output ($STAMPS, $RAW) that made the
# pane show all 100k loaded, found by replaying the output up to candidate chunks (a binary
# search among those stamped after PREV and by SEEN, the looks that saw the load going on and
# done; it shows from one chunk on); SEEN itself, with a warning, when the replay cannot tell,
# as when the reader stamped the last frame late, after the look saw it
loaded_at() {
	local seen=$1 prev=$2 t b lo hi mid
	local -a ts=() bs=()
	if [[ $seen == nan ]]; then echo nan; return; fi
	while read -r t b; do
		[[ $t =~ ^[0-9]+$ && -n $b ]] || continue # not "first TIME"
		t=$(( t - T0 ))
		(( t > prev && t <= seen )) && { ts+=("$t"); bs+=("$b"); }
	done <"$STAMPS"
	REPLAY_FAILED=
	lo=0 hi=$(( ${#ts[@]} - 1 ))
	if (( hi >= 0 )) && shows_loaded "$RAW" "${bs[hi]}"; then
		while (( lo < hi )); do # the first chunk after which it shows is in lo…hi
			mid=$(( (lo + hi) / 2 ))
			if shows_loaded "$RAW" "${bs[mid]}"; then hi=$mid; else lo=$(( mid + 1 )); fi
		done
		if [ -z "$REPLAY_FAILED" ]; then echo "${ts[lo]}"; return; fi
	fi
	echo "# the replay could not tell which output showed all loaded (${#ts[@]} chunks${REPLAY_FAILED:+, a replay failed}); the look's time is taken" >&2
	echo "$seen"
}

# sampled AT: "CPU-seconds peak-RSS-MB" of the first sample taken at or after AT µs since T0
sampled() {
	if [[ $1 == nan ]]; then echo "nan nan"; return; fi
	awk -v at="$1" -v hz="$(getconf CLK_TCK)" '$1 >= at {printf "%.2f %.1f\n", ($14 + $15) / hz, $2 / 1024; found = 1; exit}
		END {if (!found) print "nan nan"}' "$WORK/samples"
}

ms() { if [[ $1 == nan ]]; then echo nan; else awk -v us="$1" 'BEGIN {printf "%.3f\n", us / 1000}'; fi; }

# launch100k CMD FIRST ALL RSS [WAIT]: start CMD on the 100k library and append to the arrays
# named FIRST, ALL and RSS the time to the first frame, the time until all is loaded (the
# output that showed it, see loaded_at), and the RSS WAIT seconds (default 0.5) after the look
# saw it (the replays take part of that); and to LOAD_SEEN, LOAD_CPU and LOAD_PEAK the time the
# look saw all loaded, and the process's CPU seconds (user + system) and peak RSS in MB (VmHWM)
# when it was loaded
launch100k() {
	local -n first=$2 all=$3 mem=$4
	local pid seen prev at cpu peak left
	launch "$1" ' stories'
	first+=("$FIRST")
	pid=$(T display -p -t "$PANE" '#{pane_pid}')
	read -r seen prev < <(wait_loaded "$pid")
	LOAD_SEEN+=("$(ms "$seen")")
	at=$(loaded_at "$seen" "$prev")
	all+=("$(ms "$at")")
	read -r cpu peak < <(sampled "$at")
	LOAD_CPU+=("$cpu") LOAD_PEAK+=("$peak")
	[[ $seen == nan ]] || left=$(awk -v wait="${5:-0.5}" -v seen="$seen" -v now=$(( ${EPOCHREALTIME/./} - T0 )) 'BEGIN {printf "%.3f", wait - (now - seen) / 1e6}')
	[[ ${left:-0} == -* ]] || sleep "${left:-${5:-0.5}}"
	mem+=("$(ps -o rss= -p "$pid" | awk '{printf "%.1f", $1/1024}')")
}

# prime the snapshot: one untimed load, until the snapshot is on disk (files younger than 2 s
# are not trusted, so a library generated a moment ago takes a second try)
for _ in 1 2 3; do
	start "$APP $LIB"
	for _ in $(seq 300); do
		ls "$WORK"/cache/newsread/*.snapshot >/dev/null 2>&1 && break
		sleep 0.1
	done
	stop
	ls "$WORK"/cache/newsread/*.snapshot >/dev/null 2>&1 && break
	sleep 3
done
ls "$WORK"/cache/newsread/*.snapshot >/dev/null 2>&1 || { echo "no snapshot was written" >&2; exit 1; }

declare -a cold_seen new_seen big_seen
declare -a base_busy emb_busy
declare -a base_launch emb_launch cold_first cold_all cold_rss cold_cpu cold_peak new_first new_all new_rss big_first big_all rss base_key typ_first typ_settled tag_first tag_settled
for run in $(seq "$RUNS"); do
	# baseline: a shell prints a line
	launch "exec sh -c 'echo ready; exec cat'" ready
	base_launch+=("$FIRST")
	# baseline key: cat echoes a letter
	read -r f _ < <(key -l x)
	base_key+=("$f")
	stop

	# embedded stories
	launch "$APP" ' stories'
	emb_launch+=("$FIRST")
	stop

	# the same two timed as before stop 15, by polling flat out from the window's start (the
	# polls then take CPU from the program while it starts)
	start "sh -c 'echo ready; exec cat'"
	base_busy+=("$(wait_for 'ready')") || true
	stop
	start "$APP"
	emb_busy+=("$(wait_for ' stories')") || true
	stop

	# 100k folder, cold: every file parsed and indexed
	LOAD_CPU=() LOAD_PEAK=() LOAD_SEEN=()
	launch100k "$APP --no-cache $LIB" cold_first cold_all cold_rss
	cold_cpu+=("${LOAD_CPU[0]}") cold_peak+=("${LOAD_PEAK[0]}") cold_seen+=("${LOAD_SEEN[0]}")
	stop

	# 100k folder, first start: the same with an empty cache, which then gets the snapshot
	# (RSS taken 3 s after, once the snapshot is written)
	LOAD_SEEN=()
	launch100k "$(app "$WORK/first-$run") $LIB" new_first new_all new_rss 3
	new_seen+=("${LOAD_SEEN[0]}")
	stop
	rm -rf "$WORK/first-$run"

	# 100k folder, warm: the snapshot reused; then keys in the same window
	LOAD_SEEN=()
	launch100k "$APP $LIB" big_first big_all rss
	big_seen+=("${LOAD_SEEN[0]}")

	# typing in the / prompt: one word, letter by letter
	T send-keys -t "$PANE" /; sleep 0.3
	for ch in g o v e r; do
		read -r f s < <(key -l "$ch")
		typ_first+=("$f"); typ_settled+=("$s")
	done
	T send-keys -t "$PANE" Escape; sleep 0.5

	# toggling a tag: focus the tag pane, go to the first tag, space on / off
	T send-keys -t "$PANE" Tab Down Down; sleep 0.3
	for _ in 1 2 3 4; do
		read -r f s < <(key Space)
		tag_first+=("$f"); tag_settled+=("$s")
	done
	stop
	echo "# run $run/$RUNS done (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done

med() { printf '%s\n' "$@" | grep -v nan | median; }
echo
echo "newsread in tmux ${W}x${H}: medians of $RUNS runs; one poll (capture-pane) ≈ ${POLL} ms"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); library $LIB$KEEP_LIB_NOTE"
printf '%-44s %10s %10s %10s\n' "measure" "median ms" "baseline" "net ms"
bl=$(med "${base_launch[@]}"); bk=$(med "${base_key[@]}")
row() { printf '%-44s %10s %10s %10s\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.1f", a-b}')"; }
row "launch → first frame, embedded" "$(med "${emb_launch[@]}")" "$bl"
row "  (polled flat out from the start)" "$(med "${emb_busy[@]}")" "$(med "${base_busy[@]}")"
row "launch → first frame, 100k cold" "$(med "${cold_first[@]}")" "$bl"
row "launch → all 100k loaded, cold" "$(med "${cold_all[@]}")" "$bl"
row "  (seen by a look every 0.5 s)" "$(med "${cold_seen[@]}")" "$bl"
row "launch → first frame, 100k first start" "$(med "${new_first[@]}")" "$bl"
row "launch → all 100k loaded, first start" "$(med "${new_all[@]}")" "$bl"
row "  (seen by a look every 0.5 s)" "$(med "${new_seen[@]}")" "$bl"
row "launch → first frame, 100k warm" "$(med "${big_first[@]}")" "$bl"
row "launch → all 100k loaded, warm" "$(med "${big_all[@]}")" "$bl"
row "  (seen by a look every 0.5 s)" "$(med "${big_seen[@]}")" "$bl"
row "key → first frame, / filter (100k)" "$(med "${typ_first[@]}")" "$bk"
row "key → settled frame, / filter (100k)" "$(med "${typ_settled[@]}")" "$bk"
row "key → first frame, tag toggle (100k)" "$(med "${tag_first[@]}")" "$bk"
row "key → settled frame, tag toggle (100k)" "$(med "${tag_settled[@]}")" "$bk"
printf '%-44s %10s\n' "CPU seconds to load all 100k, cold" "$(med "${cold_cpu[@]}")"
printf '%-44s %10s\n' "peak RSS while loading 100k, cold (MB)" "$(med "${cold_peak[@]}")"
printf '%-44s %10s\n' "RSS after all 100k loaded, cold (MB)" "$(med "${cold_rss[@]}")"
printf '%-44s %10s\n' "RSS after all 100k loaded, first start (MB)" "$(med "${new_rss[@]}")"
printf '%-44s %10s\n' "RSS after all 100k loaded, warm (MB)" "$(med "${rss[@]}")"
