// Scheduled flows in the main window, with time driven by a test clock: a flow that never ran
// runs at start, then when the clock passes its next slot; the Next run column shows when; Pause
// stops it, Resume brings it back (one catch-up run for the slots missed); a flow failing
// deactivateAfterFailures times in a row shows "deactivated" and no longer runs until
// Reactivate. The Last run column is the newest line of the run history `flowdeck history` reads.
// Flows are file → Kafka on the embedded broker (no database needed); the failing one reads a
// missing file.
#include "core/engine/runstate.h"
#include "core/schedule/scheduler.h"
#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"
#include "widgets/schedulerdriver.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace flowdeck;
using namespace std::chrono_literals;

namespace {

class TestClock : public ScheduleClock
{
public:
    TimePoint now() const override { return t; }
    TimePoint t = std::chrono::system_clock::now();
};

} // namespace

class TestSchedulerDriver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void runsOnItsSlotAndShowsTheNextRun();
    void pauseStopsAndResumeCatchesUp();
    void deactivatedAfterFailuresUntilReactivated();
    void missedWhileClosedRunsOnceAtStart();

private:
    void writeFlow(const QString &name, const QString &source, const QString &trigger);
    QAction *action(MainWindow &w, const QString &text);
    int rowOf(MainWindow &w, const QString &name);
    int historyRuns(const QString &name);
    QString cell(MainWindow &w, const QString &name, int column);
    /// Moves the test clock and lets the driver see it (what its timer does in real time).
    void advance(MainWindow &w, std::chrono::seconds by);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_flows;
    TestClock m_clock;
};

void TestSchedulerDriver::init()
{
    Q_INIT_RESOURCE(flowdeck);
    qputenv("FLOWDECK_KEYCHAIN", "off");
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("XDG_STATE_HOME", m_dir->filePath(QStringLiteral("state")).toUtf8());
    m_flows = m_dir->filePath(QStringLiteral("flows"));
    QDir().mkpath(m_flows);
    QFile csv(m_dir->filePath(QStringLiteral("in.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("id,name\n1,a\n2,b\n");
    csv.close();
    writeFlow(QStringLiteral("sched-ok"), m_dir->filePath(QStringLiteral("in.csv")),
              QStringLiteral(R"({"type": "schedule", "every": "1h"})"));
    writeFlow(QStringLiteral("sched-bad"), m_dir->filePath(QStringLiteral("missing.csv")),
              QStringLiteral(R"({"type": "schedule", "every": "1h", "deactivateAfterFailures": 2})"));
    writeFlow(QStringLiteral("on-demand"), m_dir->filePath(QStringLiteral("in.csv")), QStringLiteral(R"({"type": "onDemand"})"));
}

void TestSchedulerDriver::writeFlow(const QString &name, const QString &source, const QString &trigger)
{
    QFile f(QDir(m_flows).filePath(name + QStringLiteral(".flow.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QString text = QStringLiteral(R"({"flowdeck": 1, "name": "%1",
  "source": {"type": "file", "path": "%2", "format": "csv"},
  "destination": {"type": "kafka", "brokers": "embedded", "topic": "%1"},
  "trigger": %3})")
                             .arg(name, source, trigger);
    f.write(text.toUtf8());
}

QAction *TestSchedulerDriver::action(MainWindow &w, const QString &text)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == text)
            return a;
    qWarning("no action %s", qPrintable(text));
    return nullptr;
}

int TestSchedulerDriver::rowOf(MainWindow &w, const QString &name)
{
    for (int r = 0; r < w.model()->rowCount(); ++r)
        if (w.model()->index(r, FlowListModel::Name).data().toString() == name)
            return r;
    return -1;
}

int TestSchedulerDriver::historyRuns(const QString &name)
{
    QFile f(QString::fromStdString(StateStore(StateStore::defaultDir(), name.toStdString()).historyPath()));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return int(f.readAll().count('\n'));
}

QString TestSchedulerDriver::cell(MainWindow &w, const QString &name, int column)
{
    return w.model()->index(rowOf(w, name), column).data().toString();
}

void TestSchedulerDriver::advance(MainWindow &w, std::chrono::seconds by)
{
    m_clock.t += by;
    w.schedulerDriver()->tick();
    QCoreApplication::processEvents();
}

void TestSchedulerDriver::runsOnItsSlotAndShowsTheNextRun()
{
    MainWindow w(m_flows);
    QAbstractItemModelTester tester(w.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_clock.t = std::chrono::system_clock::now(); // not before the time the flows were added
    w.schedulerDriver()->setClock(m_clock);
    QVERIFY(w.schedulerDriver()->isScheduled(w.model()->entry(rowOf(w, QStringLiteral("sched-ok"))).path));
    QVERIFY(!w.schedulerDriver()->isScheduled(w.model()->entry(rowOf(w, QStringLiteral("on-demand"))).path));
    QCOMPARE(cell(w, QStringLiteral("on-demand"), FlowListModel::NextRun), QString());

    // Never ran: due at once, started by the driver's timer.
    QTRY_COMPARE(historyRuns(QStringLiteral("sched-ok")), 1);
    QTRY_COMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::State), QStringLiteral("Completed"));
    const nlohmann::json first = FlowListModel::lastHistoryEntry(QString::fromStdString(StateStore::defaultDir()), "sched-ok");
    QCOMPARE(first.value("trigger", std::string()), std::string("schedule"));
    QCOMPARE(first.value("written", 0), 2);
    // The Last run column says what the history says.
    QCOMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::LastRun), FlowListModel::describeRun(first));
    QVERIFY(cell(w, QStringLiteral("sched-ok"), FlowListModel::LastRun).contains(QLatin1String("read 2, written 2")));

    // Next run: one hour after, in local time.
    const QDateTime next = QDateTime::fromString(cell(w, QStringLiteral("sched-ok"), FlowListModel::NextRun),
                                                 QStringLiteral("yyyy-MM-dd HH:mm"));
    QVERIFY2(next.isValid(), qPrintable(cell(w, QStringLiteral("sched-ok"), FlowListModel::NextRun)));
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(
        std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.t.time_since_epoch()).count());
    QVERIFY2(qAbs(now.secsTo(next) - 3600) <= 60, qPrintable(next.toString()));
    QVERIFY(w.schedulerDriver()->remainingMs() >= 0);

    // Before the slot: nothing runs.
    advance(w, 59min);
    QVERIFY(cell(w, QStringLiteral("sched-ok"), FlowListModel::State) != QStringLiteral("Running"));
    QCOMPARE(historyRuns(QStringLiteral("sched-ok")), 1);
    // Past it: one run, recorded as a scheduled one.
    QSignalSpy changes(w.model(), &QAbstractItemModel::dataChanged);
    advance(w, 2min);
    QTRY_COMPARE(historyRuns(QStringLiteral("sched-ok")), 2);
    QTRY_COMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::State), QStringLiteral("Completed"));
    // Batched: one dataChanged per change of the row (start, live counts, end), each one row
    // covering the state, next run and last run together.
    // (sched-bad, due too, runs and fails meanwhile.)
    int okChanges = 0;
    for (const auto &args : changes) {
        const auto from = args.at(0).value<QModelIndex>();
        const auto to = args.at(1).value<QModelIndex>();
        okChanges += from.row() == rowOf(w, QStringLiteral("sched-ok"));
        QCOMPARE(to.row(), from.row());
        QCOMPARE(from.column(), int(FlowListModel::State));
        QCOMPARE(to.column(), int(FlowListModel::LastRun));
    }
    QVERIFY(okChanges >= 2);
    QCOMPARE(FlowListModel::lastHistoryEntry(QString::fromStdString(StateStore::defaultDir()), "sched-ok").value("trigger", std::string()),
             std::string("schedule"));

    // Run now on the selected scheduled flow: a manual run; disabled for an on-demand flow.
    w.view()->selectRow(rowOf(w, QStringLiteral("on-demand")));
    QVERIFY(!action(w, QStringLiteral("Run &Now"))->isEnabled());
    QVERIFY(!action(w, QStringLiteral("&Pause Schedule"))->isEnabled());
    w.view()->selectRow(rowOf(w, QStringLiteral("sched-ok")));
    QVERIFY(action(w, QStringLiteral("Run &Now"))->isEnabled());
    action(w, QStringLiteral("Run &Now"))->trigger();
    QTRY_COMPARE(historyRuns(QStringLiteral("sched-ok")), 3);
    QTRY_COMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::State), QStringLiteral("Completed"));
    QCOMPARE(FlowListModel::lastHistoryEntry(QString::fromStdString(StateStore::defaultDir()), "sched-ok").value("trigger", std::string()),
             std::string("manual"));

    // `flowdeck history` shows the same runs: three, the newest the one in the Last run column.
    const QByteArray bin = qgetenv("FLOWDECK_BIN");
    if (bin.isEmpty())
        QSKIP("FLOWDECK_BIN is not set (run through ctest)");
    QProcess history;
    history.start(QString::fromLocal8Bit(bin),
                  {QStringLiteral("history"), w.model()->entry(rowOf(w, QStringLiteral("sched-ok"))).path, QStringLiteral("--json")});
    QVERIFY(history.waitForFinished(30000));
    QCOMPARE(history.exitCode(), 0);
    std::vector<nlohmann::json> runs;
    for (const QByteArray &line : history.readAllStandardOutput().split('\n'))
        if (!line.trimmed().isEmpty())
            runs.push_back(nlohmann::json::parse(line.toStdString()));
    QCOMPARE(int(runs.size()), 3);
    const auto newest = std::max_element(runs.begin(), runs.end(), [](const auto &a, const auto &b) {
        return a.value("endedAt", std::string()) < b.value("endedAt", std::string());
    });
    QCOMPARE(newest->value("trigger", std::string()), std::string("manual"));
    QCOMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::LastRun), FlowListModel::describeRun(*newest));
}

void TestSchedulerDriver::pauseStopsAndResumeCatchesUp()
{
    MainWindow w(m_flows);
    QAbstractItemModelTester tester(w.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_clock.t = std::chrono::system_clock::now();
    w.schedulerDriver()->setClock(m_clock);
    QTRY_COMPARE(historyRuns(QStringLiteral("sched-ok")), 1);
    QTRY_COMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::State), QStringLiteral("Completed"));

    w.view()->selectRow(rowOf(w, QStringLiteral("sched-ok")));
    QAction *pause = action(w, QStringLiteral("&Pause Schedule"));
    QAction *resume = action(w, QStringLiteral("Res&ume Schedule"));
    QVERIFY(pause->isEnabled());
    QVERIFY(!resume->isEnabled());
    pause->trigger();
    QCOMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::NextRun), QStringLiteral("paused"));
    QVERIFY(!pause->isEnabled());
    QVERIFY(resume->isEnabled());
    advance(w, 5h);
    QCOMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::State), QStringLiteral("Completed"));
    QCOMPARE(historyRuns(QStringLiteral("sched-ok")), 1);

    // Resume: the slots missed while paused give one run, at once.
    resume->trigger();
    QTRY_COMPARE(historyRuns(QStringLiteral("sched-ok")), 2);
    QTRY_COMPARE(cell(w, QStringLiteral("sched-ok"), FlowListModel::State), QStringLiteral("Completed"));
    QCOMPARE(FlowListModel::lastHistoryEntry(QString::fromStdString(StateStore::defaultDir()), "sched-ok").value("trigger", std::string()),
             std::string("catch-up"));
    QVERIFY(cell(w, QStringLiteral("sched-ok"), FlowListModel::NextRun) != QStringLiteral("paused"));
    advance(w, 1min);
    QCOMPARE(historyRuns(QStringLiteral("sched-ok")), 2);
}

void TestSchedulerDriver::deactivatedAfterFailuresUntilReactivated()
{
    MainWindow w(m_flows);
    QAbstractItemModelTester tester(w.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_clock.t = std::chrono::system_clock::now();
    w.schedulerDriver()->setClock(m_clock);
    const QString bad = QStringLiteral("sched-bad");
    QTRY_COMPARE(historyRuns(bad), 1);
    QTRY_COMPARE(cell(w, bad, FlowListModel::State), QStringLiteral("Failed"));
    QVERIFY(cell(w, bad, FlowListModel::LastRun).contains(QLatin1String("missing.csv")));
    QVERIFY(cell(w, bad, FlowListModel::NextRun) != QStringLiteral("deactivated"));

    advance(w, 61min);
    QTRY_COMPARE(historyRuns(bad), 2);
    QTRY_COMPARE(cell(w, bad, FlowListModel::NextRun), QStringLiteral("deactivated"));
    QVERIFY2(cell(w, bad, FlowListModel::LastRun).contains(QLatin1String("deactivated after 2 failed runs")),
             qPrintable(cell(w, bad, FlowListModel::LastRun)));
    w.view()->selectRow(rowOf(w, bad));
    QAction *reactivate = action(w, QStringLiteral("Re&activate Schedule"));
    QVERIFY(reactivate->isEnabled());
    QVERIFY(!action(w, QStringLiteral("&Pause Schedule"))->isEnabled());
    const QString details = w.findChild<QPlainTextEdit *>()->toPlainText();
    QVERIFY2(details.contains(QLatin1String("Schedule: every 1h.")) && details.contains(QLatin1String("after 2 failed runs in a row")),
             qPrintable(details));
    w.resize(1200, 500);
    w.view()->resizeColumnsToContents();
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-mainwindow-schedule.png"));

    // Deactivated: no more runs, however late it gets.
    advance(w, 5h);
    QCOMPARE(historyRuns(bad), 2);

    // Reactivated: its failure count is reset and it runs again at once.
    reactivate->trigger();
    QCOMPARE(StateStore(StateStore::defaultDir(), "sched-bad").load().deactivated, false);
    w.schedulerDriver()->tick();
    QTRY_COMPARE(historyRuns(bad), 3);
    QTRY_COMPARE(cell(w, bad, FlowListModel::State), QStringLiteral("Failed"));
    QVERIFY(cell(w, bad, FlowListModel::NextRun) != QStringLiteral("deactivated"));
    QVERIFY(!reactivate->isEnabled());
}

void TestSchedulerDriver::missedWhileClosedRunsOnceAtStart()
{
    const QString ok = QStringLiteral("sched-ok");
    {
        MainWindow w(m_flows);
        QTRY_COMPARE(historyRuns(ok), 1);
        QTRY_COMPARE(cell(w, ok, FlowListModel::State), QStringLiteral("Completed"));
    }
    // The window was closed for five hours (five slots of "every 1h").
    StateStore store(StateStore::defaultDir(), ok.toStdString());
    RunState state = store.load();
    state.startedAt = formatUtcIso(std::chrono::system_clock::now() - 5h);
    store.save(state);

    MainWindow w(m_flows);
    QAbstractItemModelTester tester(w.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_clock.t = std::chrono::system_clock::now();
    w.schedulerDriver()->setClock(m_clock);
    QTRY_COMPARE(historyRuns(ok), 2);
    QTRY_COMPARE(cell(w, ok, FlowListModel::State), QStringLiteral("Completed"));
    QCOMPARE(FlowListModel::lastHistoryEntry(QString::fromStdString(StateStore::defaultDir()), "sched-ok").value("trigger", std::string()),
             std::string("catch-up"));
    // Once, not once per missed slot; the next is an hour after the catch-up run.
    advance(w, 1min);
    QCOMPARE(historyRuns(ok), 2);
    advance(w, 1h);
    QTRY_COMPARE(historyRuns(ok), 3);
}

QTEST_MAIN(TestSchedulerDriver)
#include "tst_schedulerdriver.moc"
