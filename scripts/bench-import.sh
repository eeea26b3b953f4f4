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
# It also times the engine's own tools doing the least the real table asks
# for (the floor): on SQLite, sqlite3 .import of the rows, sorted by key
# beforehand (not timed), into the table with its secondary indexes dropped
# and foreign keys off, then the indexes rebuilt and each foreign key checked
# by one anti-join; on PostgreSQL, psql dropping the table's key, indexes and
# foreign keys, \copy of the file, and restoring them; each in one
# transaction. No check of a row's values, no report, no reject file.
# Usage: scripts/bench-import.sh DIR [POSTGRES_URL]
#   ANSINH_BIN=FILE: time this binary instead of building ./cmd/ansinh
#   SCHEMA=0: skip the INSERT … SELECT into the real table (slow)
#   FLOOR=0: skip the floor
#   SQLITE=0: measure PostgreSQL only
#   PG_COLLATION=default: create the PostgreSQL database with the server's
#     collation instead of C (the README's instruction for a database of
#     AnSinh)
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

if [ "${SQLITE:-1}" != 0 ]; then
	work=$(mktemp -d)
	db="sqlite:$work/a.db"
	"$bin" migrate --db "$db" >/dev/null
	for k in units persons employers; do "$bin" import --db "$db" $k "$dir/$k.csv" >/dev/null; done
	# The floor's database: the same, its employment table still empty.
	[ "${FLOOR:-1}" = 0 ] || for f in "$work"/a.db*; do cp "$f" "$work/floor${f#"$work"/a}"; done
	read -r ours ours_cpu <<<"$(t "$bin" import --db "$db" employment "$dir/employment.csv")"
	read -r again again_cpu <<<"$(t "$bin" import --db "$db" employment "$dir/employment.csv")"
	read -r base base_cpu <<<"$(t sqlite3 "$work/b.db" "CREATE TABLE e (tax_code TEXT, person_id TEXT, start_month TEXT, end_month TEXT, wage INTEGER, contract TEXT, declared_on TEXT);" ".mode csv" ".import --skip 1 $dir/employment.csv e")"
	sqlite3 "$work/a.db" "CREATE TABLE e (tax_code TEXT, person_id TEXT, start_month TEXT, end_month TEXT, wage INTEGER, contract TEXT, declared_on TEXT);" ".mode csv" ".import --skip 1 $dir/employment.csv e" "DELETE FROM employment;"
	schema=0
	[ "${SCHEMA:-1}" = 0 ] || read -r schema _ <<<"$(t sqlite3 "$work/a.db" "PRAGMA foreign_keys=ON; PRAGMA cache_size=-524288; INSERT INTO employment (tax_code,person_id,start_month,end_month,wage,contract,declared_on) SELECT tax_code,person_id,start_month,NULLIF(end_month,''),wage,contract,declared_on FROM e;")"
	floor=0
	if [ "${FLOOR:-1}" != 0 ]; then
		# The rows in key order, each with an eighth field for run_id; an empty
		# end_month stays '' (sqlite3 .import writes no NULL), which leaves the
		# partial index of open spells nearly empty: a floor a little low.
		tail -n +2 "$dir/employment.csv" | LC_ALL=C sort -t, -k1,1 -k2,2 -k3,3 | sed 's/$/,/' > "$work/sorted.csv"
		idx="FROM sqlite_master WHERE type = 'index' AND tbl_name = 'employment' AND sql IS NOT NULL"
		drops=$(sqlite3 "$work/floor.db" "SELECT 'DROP INDEX \"' || name || '\";' $idx")
		creates=$(sqlite3 "$work/floor.db" "SELECT sql || ';' $idx")
		fkcheck=$(sqlite3 "$work/floor.db" "SELECT 'SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT \"' || \"from\" || '\" v FROM employment WHERE \"' || \"from\" || '\" IS NOT NULL) k WHERE NOT EXISTS (SELECT 1 FROM \"' || \"table\" || '\" p WHERE p.\"' || \"to\" || '\" = k.v));' FROM pragma_foreign_key_list('employment') WHERE \"table\" <> 'import_runs'")
		read -r floor floor_cpu <<<"$(t sqlite3 "$work/floor.db" "PRAGMA foreign_keys = OFF;" "PRAGMA cache_size = -65536;" "BEGIN;" \
			"$drops" ".mode csv" ".import $work/sorted.csv employment" "$creates" "$fkcheck" "COMMIT;")"
	fi
	echo "sqlite: $rows rows; sqlite3 .import ${base}s ($(rate $base) rows/s, CPU ${base_cpu}s); ansinh import into the empty table ${ours}s ($(rate $ours) rows/s, CPU ${ours_cpu}s), ratio $(ratio $ours $base) (CPU $(ratio $ours_cpu $base_cpu)); re-import changing nothing ${again}s (CPU ${again_cpu}s), ratio $(ratio $again $base) (CPU $(ratio $again_cpu $base_cpu)); INSERT…SELECT into the real table ${schema}s"
	[ "$floor" = 0 ] || echo "sqlite floor (sqlite3 into the real table, sorted, indexes rebuilt, foreign keys checked): ${floor}s (CPU ${floor_cpu}s), ratio $(ratio $floor $base) (CPU $(ratio $floor_cpu $base_cpu)); ansinh import over the floor $(ratio $ours $floor)"
	rm -rf "$work"
fi

if [ -n "$pg" ]; then
	name=ansinh_bench_$$
	create="CREATE DATABASE $name TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'"
	[ "${PG_COLLATION:-C}" = C ] || create="CREATE DATABASE $name"
	psql "$pg" -qc "$create" >/dev/null
	url=$(echo "$pg" | sed -E "s#/[^/?]*(\?|$)#/$name\1#")
	"$bin" migrate --db "$url" >/dev/null
	for k in units persons employers; do "$bin" import --db "$url" $k "$dir/$k.csv" >/dev/null; done
	read -r ours _ <<<"$(t "$bin" import --db "$url" employment "$dir/employment.csv")"
	read -r again _ <<<"$(t "$bin" import --db "$url" employment "$dir/employment.csv")"
	psql "$url" -qc "CREATE TABLE e (tax_code TEXT, person_id TEXT, start_month TEXT, end_month TEXT, wage BIGINT, contract TEXT, declared_on DATE)"
	read -r base _ <<<"$(t psql "$url" -qc "\\copy e FROM '$dir/employment.csv' WITH (FORMAT csv, HEADER true)")"
	floor=0
	if [ "${FLOOR:-1}" != 0 ]; then
		# What the table has that a bare one has not, each as the statement
		# that drops it and the one that restores it, in the order of
		# restoring (key, indexes, foreign keys); dropped in reverse.
		cat > "$tf.sql" <<-SQL
			BEGIN;
			TRUNCATE employment;
			CREATE TEMPORARY TABLE parts AS
			SELECT 1 AS o, conname::text AS n, 'ALTER TABLE employment DROP CONSTRAINT ' || quote_ident(conname) AS d,
				'ALTER TABLE employment ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid) AS r
			FROM pg_constraint WHERE conrelid = 'employment'::regclass AND contype = 'p'
			UNION ALL
			SELECT 2, c.relname::text, 'DROP INDEX ' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
			WHERE i.indrelid = 'employment'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
			UNION ALL
			SELECT 3, conname::text, 'ALTER TABLE employment DROP CONSTRAINT ' || quote_ident(conname),
				'ALTER TABLE employment ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
			FROM pg_constraint WHERE conrelid = 'employment'::regclass AND contype = 'f';
			SELECT d FROM parts ORDER BY o DESC, n DESC \\gexec
			\\copy employment (tax_code, person_id, start_month, end_month, wage, contract, declared_on) FROM '$dir/employment.csv' WITH (FORMAT csv, HEADER true, FORCE_NULL (end_month))
			SET LOCAL maintenance_work_mem = '256MB';
			SET LOCAL work_mem = '256MB';
			SELECT r FROM parts ORDER BY o, n \\gexec
			COMMIT;
		SQL
		read -r floor _ <<<"$(t psql "$url" -q -v ON_ERROR_STOP=1 -f "$tf.sql")"
		rm -f "$tf.sql"
	fi
	psql "$url" -qc "TRUNCATE employment"
	schema=0
	[ "${SCHEMA:-1}" = 0 ] || read -r schema _ <<<"$(t psql "$url" -qc "INSERT INTO employment (tax_code,person_id,start_month,end_month,wage,contract,declared_on) SELECT tax_code,person_id,start_month,NULLIF(end_month,''),wage,contract,declared_on FROM e")"
	echo "postgres (database collation ${PG_COLLATION:-C}): $rows rows; psql \\copy ${base}s ($(rate $base) rows/s); ansinh import into the empty table ${ours}s ($(rate $ours) rows/s), ratio $(ratio $ours $base); re-import changing nothing ${again}s, ratio $(ratio $again $base); INSERT…SELECT into the real table ${schema}s"
	[ "$floor" = 0 ] || echo "postgres floor (psql: key, indexes and foreign keys dropped, \\copy, restored): ${floor}s, ratio $(ratio $floor $base); ansinh import over the floor $(ratio $ours $floor)"
	psql "$pg" -qc "DROP DATABASE $name WITH (FORCE)" >/dev/null
fi
rm -f "$tf"
