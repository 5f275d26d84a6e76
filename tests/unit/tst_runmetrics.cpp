// Metrics of a run: per-table counters that add up, the error list with positions, and the rates,
// ETA and stall time derived from successive snapshots.
#include "core/engine/engine.h"
#include "core/flow/flow.h"
#include "core/engine/metricshistory.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace flowdeck;

namespace {

/// A sink that keeps the records and rejects those whose "name" is "reject".
class MemorySink : public Sink
{
public:
    explicit MemorySink(std::vector<std::string> *names) : m_names(names) {}
    void open(const SchemaPtr &) override {}
    std::vector<RejectedRecord> write(Batch &batch) override
    {
        std::vector<RejectedRecord> rejected;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const Value *v = batch[i].field("name");
            if (v && v->toString() == "reject") {
                rejected.push_back({i, "name 'reject' is refused"});
                if (stopAtFirstRejection())
                    break;
                continue;
            }
            m_names->push_back(v ? v->toString() : std::string());
            ++m_written;
        }
        return rejected;
    }
    std::vector<std::pair<std::string, std::uint64_t>> writtenPerTable() const override { return {{"memory", m_written}}; }
    std::vector<std::pair<std::string, std::uint64_t>> writtenBytesPerTable() const override { return {{"memory", m_written * 10}}; }

private:
    std::vector<std::string> *m_names;
    std::uint64_t m_written = 0;
};

MetricsSnapshot at(std::int64_t ms, std::uint64_t written, bool caughtUp = false, RunPhase phase = RunPhase::Streaming,
                   std::uint64_t queued = 0)
{
    MetricsSnapshot s;
    s.timeMs = ms;
    s.phase = phase;
    s.counts.written = written;
    s.counts.read = written;
    s.sourceRead = written + queued;
    s.caughtUp = caughtUp;
    s.tables.push_back({"db.t", written, 0, written, 0, 0, 0});
    s.destinations.push_back({"topic", 0, 0, written * 2, 0, 0, written * 100});
    return s;
}

} // namespace

class TestRunMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void engineCountsPerTable_data();
    void engineCountsPerTable();
    void rates();
    void eta();
    void stall_data();
    void stall();
};

void TestRunMetrics::engineCountsPerTable_data()
{
    QTest::addColumn<QString>("onError");
    QTest::addColumn<int>("written");
    QTest::addColumn<int>("deadLettered");
    QTest::addColumn<int>("failed");
    QTest::addColumn<QString>("errorPosition");
    // Lines: header, ok, filtered (Energy), unreadable (2 fields), rejected by the sink, ok.
    QTest::newRow("skip") << "skip" << 2 << 2 << 0 << "in.csv:5";
    QTest::newRow("stop") << "stop" << 1 << 0 << 1 << "in.csv:4:8";
}

void TestRunMetrics::engineCountsPerTable()
{
    QFETCH(QString, onError);
    QFETCH(int, written);
    QFETCH(int, deadLettered);
    QFETCH(int, failed);
    QFETCH(QString, errorPosition);
    QTemporaryDir dir;
    const std::string csv = dir.filePath(QStringLiteral("in.csv")).toStdString();
    std::ofstream(csv) << "id,name,industry\n1,alpha,Retail\n2,beta,Energy\n3,gamma\n4,reject,Retail\n5,delta,Retail\n";
    nlohmann::json doc = {{"flowdeck", 1},
                          {"name", "metrics-test"},
                          {"source", {{"type", "file"}, {"path", csv}, {"format", "csv"}}},
                          {"destination", {{"type", "mysql"}, {"connection", {{"host", "127.0.0.1"}, {"user", "u"}, {"database", "x"}}}, {"table", "t"}, {"write", {{"mode", "insert"}}}}},
                          {"filters", {{{"field", "industry"}, {"op", "neq"}, {"value", "Energy"}}}},
                          {"errorHandling", {{"onError", onError.toStdString()}}}};
    if (onError == QLatin1String("skip"))
        doc["errorHandling"]["deadLetter"] = dir.filePath(QStringLiteral("dead.jsonl")).toStdString();
    EngineOptions options;
    options.stateDir = dir.filePath(QStringLiteral("state")).toStdString();
    Engine engine(flowFromJson(doc), options);
    std::vector<std::string> names;
    engine.setSinkFactory([&](const Flow &) { return std::make_unique<MemorySink>(&names); });
    const RunResult result = engine.run();

    const MetricsSnapshot s = engine.metrics().capture();
    QVERIFY(s.counts.addsUp());
    QCOMPARE(int(s.counts.written), written);
    QCOMPARE(s.tables.size(), std::size_t(1));
    const TableMetrics &t = s.tables.front();
    QCOMPARE(t.name, csv);
    QCOMPARE(t.read, s.counts.read);
    QCOMPARE(t.written, s.counts.written);
    QCOMPARE(t.filtered, s.counts.filtered);
    QCOMPARE(t.deadLettered, s.counts.deadLettered);
    QCOMPARE(int(t.deadLettered), deadLettered);
    QCOMPARE(int(t.failed), failed);
    QCOMPARE(t.read, t.written + t.filtered + t.deadLettered + t.failed);
    QCOMPARE(s.phase, onError == QLatin1String("skip") ? RunPhase::Completed : RunPhase::Failed);
    QCOMPARE(result.status, onError == QLatin1String("skip") ? RunStatus::Completed : RunStatus::Failed);

    // Every bad record is in the error list with its position; the newest is the last error.
    QCOMPARE(s.errorCount, std::uint64_t(s.counts.deadLettered + s.counts.failed));
    QCOMPARE(s.errors.size(), std::size_t(s.errorCount));
    QVERIFY2(QString::fromStdString(s.lastErrorPosition).endsWith(errorPosition), s.lastErrorPosition.c_str());
    QVERIFY(!s.errors.back().reason.empty());
    QVERIFY(!s.errors.back().record.empty());
    QCOMPARE(s.errors.back().stoppedRun, onError == QLatin1String("stop"));

    // The sink's own totals per destination, with bytes.
    QCOMPARE(s.destinations.size(), std::size_t(1));
    QCOMPARE(s.destinations.front().name, std::string("memory"));
    QCOMPARE(s.destinations.front().written, s.counts.written);
    QCOMPARE(s.destinations.front().bytes, s.counts.written * 10);
}

void TestRunMetrics::rates()
{
    MetricsHistory h(4);
    QCOMPARE(h.writtenRate(), 0.0);
    h.add(at(0, 0));
    h.add(at(1000, 500));
    h.add(at(2000, 1500));
    QCOMPARE(h.writtenRate(5000), 750.0);
    QCOMPARE(h.writtenRate(1000), 1000.0);
    QCOMPARE(h.tableWrittenRate("db.t", 5000), 750.0);
    QCOMPARE(h.destinationRate("topic", 5000), 1500.0);
    QCOMPARE(h.destinationRate("other", 5000), 0.0);
    // Bounded: the oldest snapshots go.
    h.add(at(3000, 1500));
    h.add(at(4000, 1500));
    QCOMPARE(h.size(), std::size_t(4));
    QCOMPARE(h.snapshots().front().timeMs, std::int64_t(1000));
    QCOMPARE(h.writtenRate(1000), 0.0);
}

void TestRunMetrics::eta()
{
    MetricsHistory h;
    MetricsSnapshot a = at(0, 0, false, RunPhase::Snapshot);
    a.progressTotal = 1000;
    a.progressDone = 100;
    MetricsSnapshot b = a;
    b.timeMs = 2000;
    b.progressDone = 300; // 100 rows/s, 700 to go
    QVERIFY(!h.etaSeconds());
    h.add(a);
    QVERIFY(!h.etaSeconds());
    h.add(b);
    QVERIFY(h.etaSeconds());
    QCOMPARE(*h.etaSeconds(), 7.0);
    b.timeMs = 3000;
    b.progressDone = 1000;
    h.add(b);
    QVERIFY(!h.etaSeconds()); // done
}

void TestRunMetrics::stall_data()
{
    QTest::addColumn<bool>("caughtUp");
    QTest::addColumn<int>("phase");
    QTest::addColumn<int>("queued");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("behind, nothing written") << false << int(RunPhase::Streaming) << 0 << qint64(3000);
    QTest::newRow("caught up, idle") << true << int(RunPhase::Streaming) << 0 << qint64(0);
    QTest::newRow("caught up, rows waiting for the writer") << true << int(RunPhase::Streaming) << 40 << qint64(3000);
    QTest::newRow("finished") << false << int(RunPhase::Completed) << 0 << qint64(0);
}

void TestRunMetrics::stall()
{
    QFETCH(bool, caughtUp);
    QFETCH(int, phase);
    QFETCH(int, queued);
    QFETCH(qint64, expected);
    MetricsHistory h;
    h.add(at(0, 10, false));
    h.add(at(1000, 50, false)); // written moved until here
    h.add(at(2000, 50, caughtUp, RunPhase(phase), std::uint64_t(queued)));
    h.add(at(4000, 50, caughtUp, RunPhase(phase), std::uint64_t(queued)));
    QCOMPARE(qint64(h.stalledMs()), expected);
}

QTEST_GUILESS_MAIN(TestRunMetrics)
#include "tst_runmetrics.moc"
