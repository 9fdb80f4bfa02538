#!/bin/sh
# piiscan-nightly.sh — one night's incremental scan: a dated findings CSV, a dated HTML
# report, and old reports pruned. Run by piiscan-scan.service (or piiscan.cron).
#
#   piiscan-nightly.sh [piiscan scan options] PATH...
#
# The arguments go to `piiscan scan` as they are (paths, --policy FILE, --jobs N, …).
# Settings come from the environment (the systemd unit or the cron file sets them):
#   PIISCAN          the piiscan command            [piiscan, found on PATH]
#   PIISCAN_STATE    the state database             [/var/lib/piiscan/nightly.db]
#   PIISCAN_REPORTS  where the reports go           [/var/lib/piiscan/reports]
#   PIISCAN_KEEP     nightly reports of each kind to keep, newest first;
#                    0 keeps them all                [90]
#
# It writes, for today's date (local time):
#   $PIISCAN_REPORTS/findings-YYYY-MM-DD.csv   every file's row, with its `change`
#   $PIISCAN_REPORTS/report-YYYY-MM-DD.html    the same for a manager, one offline page
# A second run on the same day replaces that day's files.
#
# PIISCAN_STATE must not be the watch daemon's state file: a state file has one writer
# at a time, and the second one is refused (exit 1). Keep it on a local disk.
#
# Exit status: piiscan's — that of the scan if it failed (then no HTML report is made
# and nothing is pruned: yesterday's reports stay the newest good ones), else that of
# the HTML report. 0 means a completed scan, whatever it found; 2 a usage or policy
# error; 1 a fatal error or a state file in use.
set -eu

PIISCAN=${PIISCAN:-piiscan}
STATE=${PIISCAN_STATE:-/var/lib/piiscan/nightly.db}
REPORTS=${PIISCAN_REPORTS:-/var/lib/piiscan/reports}
KEEP=${PIISCAN_KEEP:-90}

if [ "$#" -eq 0 ]; then
    echo "usage: $0 [piiscan scan options] PATH..." >&2
    exit 2
fi
case $KEEP in
    '' | *[!0-9]*)
        echo "$0: PIISCAN_KEEP must be a number of reports, not '$KEEP'" >&2
        exit 2
        ;;
esac

umask 077 # the reports say where personal data lives
mkdir -p -- "$REPORTS"
day=$(date +%Y-%m-%d)
csv=$REPORTS/findings-$day.csv
html=$REPORTS/report-$day.html

# `|| status=$?` keeps `set -e` from ending the script before it can report the code.
status=0
"$PIISCAN" scan "$@" --state "$STATE" --out "$csv" || status=$?
if [ "$status" -ne 0 ]; then
    echo "$0: piiscan scan failed (exit $status); no HTML report, nothing pruned" >&2
    exit "$status"
fi
"$PIISCAN" report --state "$STATE" --format html --out "$html" || status=$?

# Keep the newest $KEEP files matching a dated name; the names sort by date, and a
# shell glob expands in sorted order, so the oldest come first.
prune() {
    [ "$KEEP" -gt 0 ] || return 0
    set -- "$REPORTS"/$1
    [ -e "$1" ] || return 0 # nothing matched: the glob stayed as it was
    excess=$(($# - KEEP))
    while [ "$excess" -gt 0 ]; do
        rm -f -- "$1"
        shift
        excess=$((excess - 1))
    done
}
prune 'findings-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].csv'
prune 'report-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].html'

exit "$status"
