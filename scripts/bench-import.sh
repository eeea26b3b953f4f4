#!/usr/bin/env bash
# Measures `ansinh import employment` against the plain bulk load of the same
# file (sqlite3 .import into a bare table; psql \copy into a bare table), and
# against the engine's own INSERT … SELECT of the same rows into the real
# employment table (its keys, indexes and foreign keys), to tell the cost of
# the loader from the cost of the schema. It imports the file twice: into the
# empty table, then again (a re-import that changes nothing), and prints the
# ratio of each to the plain bulk load. On SQLite, where the whole load runs in
# the measured process, it prints the CPU time (user + system) beside the
# elapsed time: on a machine others share, the elapsed time varies with their
# load far more than the CPU time does.
# Usage: scripts/bench-import.sh DIR [POSTGRES_URL]
#   ANSINH_BIN=FILE: time this binary instead of building ./cmd/ansinh
#   SCHEMA=0: skip the INSERT … SELECT into the real table (slow)
#   DIR: files written by `ansinh synth --out DIR`
#   POSTGRES_URL: a server where the script may create and drop databases
set -euo pipefail
dir=$1
pg=${2:-}
bin=${ANSINH_BIN:-}
if [ -z "$bin" ]; then
	bin=$(mktemp -d)/ansinh
	go build -o "$bin" ./cmd/ansinh
fi
rows=$(($(wc -l < "$dir/employment.csv") - 1))
# t CMD…: runs CMD and prints its elapsed and CPU (user + system) seconds.
tf=$(mktemp)
t() {
	/usr/bin/time -f '%e %U %S' -o "$tf" "$@" >/dev/null
	local wall user sys
	read -r wall user sys < "$tf"
	echo "$wall $(echo "$user + $sys" | bc)"
}
rate() { echo "scale=0; $rows / $1" | bc; }
ratio() { echo "scale=2; $1 / $2" | bc; }

work=$(mktemp -d)
db="sqlite:$work/a.db"
"$bin" migrate --db "$db" >/dev/null
for k in units persons employers; do "$bin" import --db "$db" $k "$dir/$k.csv" >/dev/null; done
read -r ours ours_cpu <<<"$(t "$bin" import --db "$db" employment "$dir/employment.csv")"
read -r again again_cpu <<<"$(t "$bin" import --db "$db" employment "$dir/employment.csv")"
read -r base base_cpu <<<"$(t sqlite3 "$work/b.db" "CREATE TABLE e (tax_code TEXT, person_id TEXT, start_month TEXT, end_month TEXT, wage INTEGER, contract TEXT, declared_on TEXT);" ".mode csv" ".import --skip 1 $dir/employment.csv e")"
sqlite3 "$work/a.db" "CREATE TABLE e (tax_code TEXT, person_id TEXT, start_month TEXT, end_month TEXT, wage INTEGER, contract TEXT, declared_on TEXT);" ".mode csv" ".import --skip 1 $dir/employment.csv e" "DELETE FROM employment;"
schema=0
[ "${SCHEMA:-1}" = 0 ] || read -r schema _ <<<"$(t sqlite3 "$work/a.db" "PRAGMA foreign_keys=ON; PRAGMA cache_size=-524288; INSERT INTO employment (tax_code,person_id,start_month,end_month,wage,contract,declared_on) SELECT tax_code,person_id,start_month,NULLIF(end_month,''),wage,contract,declared_on FROM e;")"
echo "sqlite: $rows rows; sqlite3 .import ${base}s ($(rate $base) rows/s, CPU ${base_cpu}s); ansinh import into the empty table ${ours}s ($(rate $ours) rows/s, CPU ${ours_cpu}s), ratio $(ratio $ours $base) (CPU $(ratio $ours_cpu $base_cpu)); re-import changing nothing ${again}s (CPU ${again_cpu}s), ratio $(ratio $again $base) (CPU $(ratio $again_cpu $base_cpu)); INSERT…SELECT into the real table ${schema}s"
rm -rf "$work"

if [ -n "$pg" ]; then
	name=ansinh_bench_$$
	psql "$pg" -qc "CREATE DATABASE $name" >/dev/null
	url=$(echo "$pg" | sed -E "s#/[^/?]*(\?|$)#/$name\1#")
	"$bin" migrate --db "$url" >/dev/null
	for k in units persons employers; do "$bin" import --db "$url" $k "$dir/$k.csv" >/dev/null; done
	read -r ours _ <<<"$(t "$bin" import --db "$url" employment "$dir/employment.csv")"
	read -r again _ <<<"$(t "$bin" import --db "$url" employment "$dir/employment.csv")"
	psql "$url" -qc "CREATE TABLE e (tax_code TEXT, person_id TEXT, start_month TEXT, end_month TEXT, wage BIGINT, contract TEXT, declared_on DATE)"
	read -r base _ <<<"$(t psql "$url" -qc "\\copy e FROM '$dir/employment.csv' WITH (FORMAT csv, HEADER true)")"
	psql "$url" -qc "TRUNCATE employment"
	schema=0
	[ "${SCHEMA:-1}" = 0 ] || read -r schema _ <<<"$(t psql "$url" -qc "INSERT INTO employment (tax_code,person_id,start_month,end_month,wage,contract,declared_on) SELECT tax_code,person_id,start_month,NULLIF(end_month,''),wage,contract,declared_on FROM e")"
	echo "postgres: $rows rows; psql \\copy ${base}s ($(rate $base) rows/s); ansinh import into the empty table ${ours}s ($(rate $ours) rows/s), ratio $(ratio $ours $base); re-import changing nothing ${again}s, ratio $(ratio $again $base); INSERT…SELECT into the real table ${schema}s"
	psql "$pg" -qc "DROP DATABASE $name WITH (FORCE)" >/dev/null
fi
rm -f "$tf"
