/* SQLite (Debian's libsqlite3.a) in memory: inserts in a transaction, then
 * indexed point and range queries, and an aggregate.
 * argv[1]: rows (default 200000), argv[2]: queries (default 200000). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static unsigned long long rng = 88172645463325252ULL;
static unsigned long long next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

int main(int argc, char **argv) {
    int rows = argc > 1 ? atoi(argv[1]) : 200000;
    int queries = argc > 2 ? atoi(argv[2]) : 200000;
    sqlite3 *db;
    check(sqlite3_open(":memory:", &db), db, "open");
    check(sqlite3_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, name TEXT, v REAL);"
                           "CREATE INDEX t_k ON t(k);", 0, 0, 0), db, "create");
    check(sqlite3_exec(db, "BEGIN", 0, 0, 0), db, "begin");
    sqlite3_stmt *ins;
    check(sqlite3_prepare_v2(db, "INSERT INTO t(k, name, v) VALUES(?, ?, ?)", -1, &ins, 0), db, "prepare insert");
    char name[64];
    for (int i = 0; i < rows; i++) {
        unsigned long long r = next();
        int k = (int)(r % 1000003);
        snprintf(name, sizeof name, "name-%llu-%d", (r >> 20) % 100000, i);
        sqlite3_bind_int(ins, 1, k);
        sqlite3_bind_text(ins, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(ins, 3, (double)(r % 10007) / 7.0);
        check(sqlite3_step(ins), db, "insert");
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    check(sqlite3_exec(db, "COMMIT", 0, 0, 0), db, "commit");

    sqlite3_stmt *q;
    check(sqlite3_prepare_v2(db, "SELECT count(*), total(v), max(length(name)) FROM t WHERE k BETWEEN ? AND ?", -1, &q, 0), db, "prepare query");
    long long count = 0;
    double total = 0;
    long long maxlen = 0;
    for (int i = 0; i < queries; i++) {
        int lo = (int)(next() % 1000003);
        sqlite3_bind_int(q, 1, lo);
        sqlite3_bind_int(q, 2, lo + 40);
        if (sqlite3_step(q) == SQLITE_ROW) {
            count += sqlite3_column_int64(q, 0);
            total += sqlite3_column_double(q, 1);
            long long m = sqlite3_column_int64(q, 2);
            if (m > maxlen) maxlen = m;
        }
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);

    sqlite3_stmt *agg;
    check(sqlite3_prepare_v2(db, "SELECT k % 97 AS g, count(*), sum(id) FROM t GROUP BY g ORDER BY 2 DESC, 1 LIMIT 3", -1, &agg, 0), db, "prepare agg");
    printf("rows=%d queries=%d matched=%lld total=%.3f maxlen=%lld\n", rows, queries, count, total, maxlen);
    while (sqlite3_step(agg) == SQLITE_ROW)
        printf("group %lld: %lld rows, idsum %lld\n", (long long)sqlite3_column_int64(agg, 0),
               (long long)sqlite3_column_int64(agg, 1), (long long)sqlite3_column_int64(agg, 2));
    sqlite3_finalize(agg);
    sqlite3_close(db);
    return 0;
}
