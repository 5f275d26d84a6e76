// The TPC-C-like workload against the suite's MariaDB: the prepared schema and its row counts,
// stats that equal the observable row changes, determinism by seed, threads, and the command line.
#include "tests/common/testsupport.h"
#include "core/model/errors.h"
#include "core/devtools/workload.h"
#include "core/devtools/workloadschema.h"

#include <QProcess>
#include <QTest>

using namespace flowdeck;

class TestWorkload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void formats_data();
    void formats();
    void randomIsSeeded();
    void prepareLoadsTables_data();
    void prepareLoadsTables();
    void prepareAgainLoadsNothing();
    void statsMatchTables_data();
    void statsMatchTables();
    void sameSeedSameData();
    void stopFlagStopsTheRun();
    void runWithoutPrepareFails();
    void commandLine_data();
    void commandLine();

private:
    MySqlConnectionConfig config(const std::string &database) const;
    static long long count(const std::string &sql, const std::string &database);
    static std::map<std::string, long long> tableCounts(const std::string &database);
    static std::string checksums(const std::string &database);
    static std::map<std::string, WorkloadTableChanges> binlogRowEvents(const std::string &database,
                                                                       const std::string &fromFile,
                                                                       const std::string &fromPosition);

    WorkloadStats m_prepared; // of the "wl_prepare" database
};

MySqlConnectionConfig TestWorkload::config(const std::string &database) const
{
    return MySqlConnectionConfig::fromJson(test::sandboxConnection(database));
}

long long TestWorkload::count(const std::string &sql, const std::string &database)
{
    const auto rows = test::querySql(sql, database);
    return rows.empty() ? -1 : std::stoll(rows.front());
}

std::map<std::string, long long> TestWorkload::tableCounts(const std::string &database)
{
    std::map<std::string, long long> counts;
    for (const std::string &table : WorkloadSchema::tableNames())
        counts[table] = count("SELECT COUNT(*) FROM " + table, database);
    return counts;
}

std::string TestWorkload::checksums(const std::string &database)
{
    std::string all;
    for (const std::string &table : WorkloadSchema::tableNames()) {
        const std::string row = test::querySql("CHECKSUM TABLE " + table, database).at(0);
        all += table + '=' + row.substr(row.find('\t') + 1) + ' ';
    }
    return all;
}

/// Row events of `database`'s tables in the server's binlog from a position on, read the way a
/// CDC consumer would (mariadb-binlog from the server). Empty when mariadb-binlog is missing.
std::map<std::string, WorkloadTableChanges> TestWorkload::binlogRowEvents(const std::string &database,
                                                                          const std::string &fromFile,
                                                                          const std::string &fromPosition)
{
    std::map<std::string, WorkloadTableChanges> events;
    const nlohmann::json c = test::sandboxConnection(database);
    const QString port = QString::fromStdString(c["port"].is_string() ? c["port"].get<std::string>()
                                                                      : std::to_string(c["port"].get<int>()));
    QStringList args{QStringLiteral("--no-defaults"), QStringLiteral("--read-from-remote-server"),
                     QStringLiteral("--host=") + QString::fromStdString(c["host"].get<std::string>()),
                     QStringLiteral("--port=") + port,
                     QStringLiteral("--user=") + QString::fromStdString(c["user"].get<std::string>()),
                     QStringLiteral("--start-position=") + QString::fromStdString(fromPosition),
                     QStringLiteral("--to-last-log"), QStringLiteral("--base64-output=decode-rows"),
                     QStringLiteral("--verbose")};
    if (!c["password"].get<std::string>().empty())
        args << QStringLiteral("--password=") + QString::fromStdString(c["password"].get<std::string>());
    args << QString::fromStdString(fromFile);
    QProcess binlog;
    binlog.start(QStringLiteral("mariadb-binlog"), args);
    if (!binlog.waitForStarted(10'000))
        return events;
    binlog.waitForFinished(60'000);
    const std::string prefix = "`" + database + "`.`";
    for (const QByteArray &line : binlog.readAllStandardOutput().split('\n')) {
        if (!line.startsWith("### "))
            continue;
        const std::string text = line.toStdString();
        const auto at = text.find(prefix);
        if (at == std::string::npos)
            continue;
        const std::string table = text.substr(at + prefix.size(), text.find('`', at + prefix.size()) - at - prefix.size());
        if (line.startsWith("### INSERT INTO "))
            ++events[table].inserted;
        else if (line.startsWith("### UPDATE "))
            ++events[table].updated;
        else if (line.startsWith("### DELETE FROM "))
            ++events[table].deleted;
    }
    return events;
}

void TestWorkload::initTestCase()
{
    test::execSql("DROP DATABASE IF EXISTS wl_prepare", std::string());
    WorkloadOptions options;
    Workload workload(config("wl_prepare"), options);
    m_prepared = workload.prepare(); // creates the database too
    test::execSql("DROP DATABASE IF EXISTS wl_cli", std::string());
}

void TestWorkload::formats_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    auto add = [](const char *name, const std::string &actual, const char *expected) {
        QTest::newRow(name) << QString::fromStdString(actual) << QString::fromUtf8(expected);
    };
    add("money", WorkloadSchema::money(12345), "123.45");
    add("money cents", WorkloadSchema::money(5), "0.05");
    add("money negative", WorkloadSchema::money(-50), "-0.50");
    add("epoch", WorkloadSchema::timestamp(0), "'2026-01-01 00:00:00'");
    add("an hour before", WorkloadSchema::timestamp(-3600), "'2025-12-31 23:00:00'");
    add("last name 0", WorkloadSchema::lastName(0), "BARBARBAR");
    add("last name 371", WorkloadSchema::lastName(371), "PRICALLYOUGHT"); // TPC-C 4.3.2.3's example
}

void TestWorkload::formats()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void TestWorkload::randomIsSeeded()
{
    WorkloadRandom a(5), b(5), c(6);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
        const std::int64_t x = a.nurand(1023, 1, 300);
        QCOMPARE(b.nurand(1023, 1, 300), x);
        QVERIFY(x >= 1 && x <= 300);
        differs = differs || c.nurand(1023, 1, 300) != x;
    }
    QVERIFY(differs);
    QCOMPARE(a.text(3, 3).size(), std::size_t(3));
    WorkloadRandom stream0(5, 0), stream1(5, 1);
    QVERIFY(stream0.next() != stream1.next());
}

void TestWorkload::prepareLoadsTables_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<int>("minimum");
    QTest::addColumn<int>("maximum");
    QTest::newRow("warehouse") << "warehouse" << 1 << 1;
    QTest::newRow("district") << "district" << 10 << 10;
    QTest::newRow("customer") << "customer" << 3000 << 3000;
    QTest::newRow("history") << "history" << 3000 << 3000;
    QTest::newRow("new_order") << "new_order" << 900 << 900;
    QTest::newRow("orders") << "orders" << 3000 << 3000;
    QTest::newRow("order_line") << "order_line" << 3000 * 5 << 3000 * 15; // 5-15 lines per order
    QTest::newRow("item") << "item" << 1000 << 1000;
    QTest::newRow("stock") << "stock" << 1000 << 1000;
}

void TestWorkload::prepareLoadsTables()
{
    QFETCH(QString, table);
    QFETCH(int, minimum);
    QFETCH(int, maximum);
    const long long rows = count("SELECT COUNT(*) FROM " + table.toStdString(), "wl_prepare");
    QVERIFY2(rows >= minimum && rows <= maximum, QByteArray::number(rows).constData());
    QCOMPARE(m_prepared.tables.at(table.toStdString()).inserted, std::uint64_t(rows));
    QCOMPARE(m_prepared.tables.at(table.toStdString()).updated, std::uint64_t(0));
}

void TestWorkload::prepareAgainLoadsNothing()
{
    WorkloadOptions options;
    QCOMPARE(Workload(config("wl_prepare"), options).prepare().inserted(), std::uint64_t(0));
    options.warehouses = 2;
    try {
        Workload(config("wl_prepare"), options).prepare();
        QFAIL("prepared 2 warehouses over 1");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()),
                 QStringLiteral("wl_prepare already holds 1 warehouses, not 2: drop the database or ask for 1"));
    }
}

void TestWorkload::statsMatchTables_data()
{
    QTest::addColumn<int>("warehouses");
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("transactions");
    QTest::newRow("1 thread") << 1 << 1 << 300;
    QTest::newRow("3 threads, 2 warehouses") << 2 << 3 << 300;
}

void TestWorkload::statsMatchTables()
{
    QFETCH(int, warehouses);
    QFETCH(int, threads);
    QFETCH(int, transactions);
    const std::string db = test::freshDatabase("wl_stats");
    WorkloadOptions options;
    options.warehouses = warehouses;
    options.threads = threads;
    options.transactions = std::uint64_t(transactions);
    options.seed = 7;
    Workload workload(config(db), options);
    workload.prepare();
    const auto before = tableCounts(db);
    const long long nextOrderIds = count("SELECT SUM(d_next_o_id) FROM district", db);
    const long long payments = count("SELECT SUM(c_payment_cnt) FROM customer", db);
    const long long deliveries = count("SELECT SUM(c_delivery_cnt) FROM customer", db);
    const long long stockOrders = count("SELECT SUM(s_order_cnt) FROM stock", db);
    const long long delivered = count("SELECT COUNT(*) FROM order_line WHERE ol_delivery_d IS NOT NULL", db);

    const auto binlogStart = test::querySql("SHOW MASTER STATUS", db).at(0);
    const WorkloadStats stats = workload.run();
    const auto after = tableCounts(db);
    auto tx = [&](const char *kind) { return stats.transactions.count(kind) ? stats.transactions.at(kind) : 0; };
    auto table = [&](const char *name) {
        return stats.tables.count(name) ? stats.tables.at(name) : WorkloadTableChanges{};
    };
    QCOMPARE(stats.committedTransactions() + stats.rolledBack, std::uint64_t(transactions));
    QVERIFY(tx("new_order") > 0 && tx("payment") > 0 && tx("delivery") > 0);

    // Net row counts per table equal inserted - deleted.
    for (const std::string &name : WorkloadSchema::tableNames()) {
        const WorkloadTableChanges c = table(name.c_str());
        QVERIFY2(after.at(name) - before.at(name) == (long long)c.inserted - (long long)c.deleted, name.c_str());
    }
    // Every committed new-order adds one order and one new_order row and bumps its district.
    QCOMPARE(table("orders").inserted, tx("new_order"));
    QCOMPARE(table("new_order").inserted, tx("new_order"));
    QCOMPARE(count("SELECT SUM(d_next_o_id) FROM district", db) - nextOrderIds, (long long)tx("new_order"));
    QCOMPARE(count("SELECT SUM(s_order_cnt) FROM stock", db) - stockOrders, (long long)table("stock").updated);
    QCOMPARE(table("order_line").inserted,
             std::uint64_t(count("SELECT COUNT(*) FROM order_line WHERE ol_delivery_d IS NULL", db)
                           + count("SELECT COUNT(*) FROM order_line WHERE ol_delivery_d IS NOT NULL", db)
                           - before.at("order_line")));
    // Each payment updates one warehouse, district and customer and adds one history row.
    QCOMPARE(table("warehouse").updated, tx("payment"));
    QCOMPARE(table("history").inserted, tx("payment"));
    QCOMPARE(count("SELECT SUM(c_payment_cnt) FROM customer", db) - payments, (long long)tx("payment"));
    // Each delivered order: one new_order row deleted, its order, lines and customer updated.
    QVERIFY(table("new_order").deleted > 0);
    QCOMPARE(table("orders").updated, table("new_order").deleted);
    QCOMPARE(count("SELECT SUM(c_delivery_cnt) FROM customer", db) - deliveries, (long long)table("new_order").deleted);
    QCOMPARE(count("SELECT COUNT(*) FROM order_line WHERE ol_delivery_d IS NOT NULL", db) - delivered,
             (long long)table("order_line").updated);
    QCOMPARE(table("customer").updated, tx("payment") + table("new_order").deleted);
    QCOMPARE(table("district").updated, tx("new_order") + tx("payment"));
    QVERIFY(stats.summary().find("transactions: ") == 0);

    // The row events a CDC consumer reads from the binlog are exactly the reported changes.
    const auto tab = binlogStart.find('\t');
    const auto events = binlogRowEvents(db, binlogStart.substr(0, tab),
                                        binlogStart.substr(tab + 1, binlogStart.find('\t', tab + 1) - tab - 1));
    if (events.empty())
        QSKIP("mariadb-binlog is not installed: binlog row events not compared");
    for (const std::string &name : WorkloadSchema::tableNames()) {
        const WorkloadTableChanges expected = table(name.c_str());
        const WorkloadTableChanges seen = events.count(name) ? events.at(name) : WorkloadTableChanges{};
        const QByteArray message = QByteArray(name.c_str()) + ": binlog " + QByteArray::number(seen.inserted) + "/"
            + QByteArray::number(seen.updated) + "/" + QByteArray::number(seen.deleted) + ", stats "
            + QByteArray::number(expected.inserted) + "/" + QByteArray::number(expected.updated) + "/"
            + QByteArray::number(expected.deleted);
        QVERIFY2(seen == expected, message.constData());
    }
}

void TestWorkload::sameSeedSameData()
{
    std::vector<std::string> sums;
    for (const auto &[db, seed] : {std::pair{"wl_seed_a", 42}, std::pair{"wl_seed_b", 42}, std::pair{"wl_seed_c", 43}}) {
        test::freshDatabase(db);
        WorkloadOptions options;
        options.transactions = 150;
        options.seed = std::uint64_t(seed);
        Workload workload(config(db), options);
        workload.prepare();
        workload.run();
        sums.push_back(checksums(db));
    }
    QCOMPARE(QString::fromStdString(sums[1]), QString::fromStdString(sums[0]));
    QVERIFY2(sums[2] != sums[0], "another seed gave the same data");
}

void TestWorkload::stopFlagStopsTheRun()
{
    WorkloadOptions options; // no limit: only the flag stops it
    std::atomic<bool> stop{true};
    const WorkloadStats stats = Workload(config("wl_prepare"), options).run(&stop);
    QCOMPARE(stats.committedTransactions(), std::uint64_t(0));
    QCOMPARE(stats.inserted() + stats.updated() + stats.deleted(), std::uint64_t(0));
}

void TestWorkload::runWithoutPrepareFails()
{
    const std::string db = test::freshDatabase("wl_empty");
    WorkloadOptions options;
    options.transactions = 1;
    try {
        Workload(config(db), options).run();
        QFAIL("ran without tables");
    } catch (const ConfigError &e) {
        QCOMPARE(QString::fromStdString(e.what()), QStringLiteral("no warehouses in wl_empty: prepare the workload first"));
    }
}

static QStringList words(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *word : list)
        result << QString::fromUtf8(word);
    return result;
}

void TestWorkload::commandLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");
    const QStringList db{QStringLiteral("--database"), QStringLiteral("wl_cli")};
    QTest::newRow("prepare only") << (db + words({"--prepare-only"})) << 0 << "prepared wl_cli: " << "loaded ";
    QTest::newRow("transactions") << (db + words({"--transactions", "25", "--threads", "2"})) << 0
                                  << "transactions: " << "";
    QTest::newRow("seconds with rate") << (db + words({"--seconds", "1.5", "--rate", "20"})) << 0 << "new_order"
                                       << "";
    QTest::newRow("wrong password") << (db + words({"--password", "certainly-wrong", "--transactions", "1"})) << 1
                                    << "" << "Access denied for user";
    QTest::newRow("zero threads") << (db + words({"--threads", "0"})) << 2 << ""
                                  << "invalid --threads 0: use 1-256";
    QTest::newRow("both limits") << (db + words({"--seconds", "1", "--transactions", "1"})) << 2 << ""
                                 << "give --seconds or --transactions, not both";
    QTest::newRow("prepare and no-prepare") << (db + words({"--prepare", "--no-prepare"})) << 2 << ""
                                            << "contradict --no-prepare";
    QTest::newRow("unknown profile") << (db + words({"--profile", "tpch"})) << 2 << ""
                                     << "unknown workload profile \"tpch\"";
    QTest::newRow("bad url") << words({"--mysql", "postgres://x"}) << 2 << "" << "invalid --mysql postgres://x";
    QTest::newRow("help") << words({"--help"}) << 0 << "--warehouses" << "";
}

void TestWorkload::commandLine()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);
    const nlohmann::json c = test::sandboxConnection("wl_cli");
    const QString port = QString::fromStdString(c["port"].is_string() ? c["port"].get<std::string>()
                                                                      : std::to_string(c["port"].get<int>()));
    QStringList full{QStringLiteral("workload"), QStringLiteral("--port"), port};
    if (!args.contains(QStringLiteral("--password")))
        full << QStringLiteral("--password") << QString::fromStdString(c["password"].get<std::string>());
    QProcess cli;
    cli.start(test::flowdeckBinary(), full + args);
    QVERIFY(cli.waitForFinished(120'000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(cli.exitCode() == exitCode, qPrintable(out + err));
    QVERIFY2(out.contains(stdoutHas), qPrintable(out));
    QVERIFY2(err.contains(stderrHas), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestWorkload)
#include "tst_workload.moc"
