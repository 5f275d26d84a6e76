#include "core/model/errors.h"
#include "core/schedule/scheduler.h"

#include <QTest>

#include <cstdlib>
#include <ctime>

using namespace flowdeck;
using namespace std::chrono_literals;

namespace {

/// Time that moves only when the test says so.
class FakeClock : public ScheduleClock
{
public:
    explicit FakeClock(TimePoint t) : m_now(t) {}
    TimePoint now() const override { return m_now; }
    void set(TimePoint t) { m_now = t; }
    void advance(std::chrono::seconds d) { m_now += d; }

private:
    TimePoint m_now;
};

TimePoint at(const char *iso)
{
    const auto t = parseUtcIso(iso);
    if (!t)
        qFatal("bad time %s", iso);
    return *t;
}

QString iso(TimePoint t)
{
    return QString::fromStdString(formatUtcIso(t));
}

void setTimeZone(const char *tz)
{
    qputenv("TZ", tz);
    tzset();
}

/// Records the runs the scheduler starts; runs end only when the test calls finished().
struct Starts
{
    std::vector<std::pair<std::string, RunTrigger>> runs;
    Scheduler::StartRun callback()
    {
        return [this](const std::string &flow, RunTrigger trigger) { runs.emplace_back(flow, trigger); };
    }
};

Schedule every(const char *text)
{
    return Schedule::fromTrigger({{"type", "schedule"}, {"every", text}});
}

Schedule daily(const char *text)
{
    return Schedule::fromTrigger({{"type", "schedule"}, {"at", text}});
}

} // namespace

Q_DECLARE_METATYPE(RunTrigger)

class TestScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setTimeZone("UTC0"); }
    void cleanupTestCase() { setTimeZone("UTC0"); }
    void parseInterval_data();
    void parseInterval();
    void badInterval_data();
    void badInterval();
    void dailySlots_data();
    void dailySlots();
    void catchUpAtStart_data();
    void catchUpAtStart();
    void everyRunsOnTime();
    void neverOverlaps();
    void deactivatedFlowIsNotStarted();
    void pauseAndResume();
    void runNowWhileRunningRunsOnceAfter();
    void finishedInsideCallback();
};

void TestScheduler::parseInterval_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qlonglong>("seconds");
    QTest::newRow("30s") << "30s" << 30LL;
    QTest::newRow("15m") << "15m" << 900LL;
    QTest::newRow("1h") << "1h" << 3600LL;
    QTest::newRow("2d") << "2d" << 172800LL;
    QTest::newRow("leading zero") << "015m" << 900LL;
}

void TestScheduler::parseInterval()
{
    QFETCH(QString, text);
    QFETCH(qlonglong, seconds);
    QCOMPARE(qlonglong(Schedule::parseInterval(text.toStdString()).count()), seconds);
}

void TestScheduler::badInterval_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << "0m";
    QTest::newRow("no unit") << "15";
    QTest::newRow("no number") << "m";
    QTest::newRow("fraction") << "1.5h";
    QTest::newRow("negative") << "-1m";
    QTest::newRow("unknown unit") << "2w";
}

void TestScheduler::badInterval()
{
    QFETCH(QString, text);
    try {
        Schedule::parseInterval(text.toStdString());
        QFAIL("accepted");
    } catch (const ConfigError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(text), e.what());
    }
}

void TestScheduler::dailySlots_data()
{
    QTest::addColumn<QByteArray>("tz");
    QTest::addColumn<QString>("at");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("next");
    QTest::addColumn<QString>("last");
    QTest::newRow("later today") << QByteArray("UTC0") << "02:30" << "2026-03-01T01:00:00Z"
                                 << "2026-03-01T02:30:00.000Z" << "2026-02-28T02:30:00.000Z";
    QTest::newRow("tomorrow") << QByteArray("UTC0") << "02:30" << "2026-03-01T03:00:00Z"
                              << "2026-03-02T02:30:00.000Z" << "2026-03-01T02:30:00.000Z";
    QTest::newRow("exactly at the slot") << QByteArray("UTC0") << "02:30" << "2026-03-01T02:30:00Z"
                                         << "2026-03-02T02:30:00.000Z" << "2026-03-01T02:30:00.000Z";
    // Local time: 02:30 in Tokyo (UTC+9) is 17:30 UTC the day before.
    QTest::newRow("Tokyo") << QByteArray("JST-9") << "02:30" << "2026-03-01T12:00:00Z"
                           << "2026-03-01T17:30:00.000Z" << "2026-02-28T17:30:00.000Z";
    // Central Europe switches to summer time on 2026-03-29 at 02:00: 02:30 does not exist that
    // day and becomes 03:30 CEST = 01:30 UTC.
    QTest::newRow("spring forward") << QByteArray("CET-1CEST,M3.5.0,M10.5.0/3") << "02:30"
                                    << "2026-03-28T12:00:00Z" << "2026-03-29T01:30:00.000Z"
                                    << "2026-03-28T01:30:00.000Z";
}

void TestScheduler::dailySlots()
{
    QFETCH(QByteArray, tz);
    QFETCH(QString, at);
    QFETCH(QString, now);
    QFETCH(QString, next);
    QFETCH(QString, last);
    setTimeZone(tz.constData());
    const Schedule s = daily(at.toUtf8().constData());
    const TimePoint t = ::at(now.toUtf8().constData());
    QCOMPARE(iso(s.nextSlotAfter(t)), next);
    QCOMPARE(iso(*s.lastSlotAtOrBefore(t)), last);
}

void TestScheduler::catchUpAtStart_data()
{
    QTest::addColumn<QString>("trigger"); // "every:15m" or "at:02:30"
    QTest::addColumn<QString>("lastRun"); // empty: never ran
    QTest::addColumn<QString>("now");
    QTest::addColumn<int>("runsAtStart");
    QTest::addColumn<RunTrigger>("why");
    QTest::addColumn<QString>("nextDue"); // due time after the start-up tick (and finishing its run)

    QTest::newRow("every, never ran: at once") << "every:15m" << "" << "2026-03-01T10:00:00Z" << 1
                                               << RunTrigger::Schedule << "2026-03-01T10:15:00.000Z";
    QTest::newRow("every, not due yet") << "every:15m" << "2026-03-01T09:50:00Z" << "2026-03-01T10:00:00Z" << 0
                                        << RunTrigger::Schedule << "2026-03-01T10:05:00.000Z";
    // Closed for a day: 96 slots missed, one run.
    QTest::newRow("every, missed many slots: once") << "every:15m" << "2026-02-28T10:00:00Z" << "2026-03-01T10:00:00Z"
                                                    << 1 << RunTrigger::CatchUp << "2026-03-01T10:15:00.000Z";
    QTest::newRow("at, never ran: waits") << "at:02:30" << "" << "2026-03-01T10:00:00Z" << 0
                                          << RunTrigger::Schedule << "2026-03-02T02:30:00.000Z";
    QTest::newRow("at, ran today: waits") << "at:02:30" << "2026-03-01T02:30:01Z" << "2026-03-01T10:00:00Z" << 0
                                          << RunTrigger::Schedule << "2026-03-02T02:30:00.000Z";
    QTest::newRow("at, missed today's slot") << "at:02:30" << "2026-02-28T02:30:00Z" << "2026-03-01T10:00:00Z" << 1
                                             << RunTrigger::CatchUp << "2026-03-02T02:30:00.000Z";
    QTest::newRow("at, missed a week: once") << "at:02:30" << "2026-02-20T02:30:00Z" << "2026-03-01T10:00:00Z" << 1
                                             << RunTrigger::CatchUp << "2026-03-02T02:30:00.000Z";
}

void TestScheduler::catchUpAtStart()
{
    QFETCH(QString, trigger);
    QFETCH(QString, lastRun);
    QFETCH(QString, now);
    QFETCH(int, runsAtStart);
    QFETCH(RunTrigger, why);
    QFETCH(QString, nextDue);

    FakeClock clock(at(now.toUtf8().constData()));
    Starts starts;
    Scheduler scheduler(clock, starts.callback());
    const QString value = trigger.section(QLatin1Char(':'), 1);
    const Schedule s = trigger.startsWith(QStringLiteral("every")) ? every(value.toUtf8().constData())
                                                                    : daily(value.toUtf8().constData());
    std::optional<TimePoint> last;
    if (!lastRun.isEmpty())
        last = at(lastRun.toUtf8().constData());
    scheduler.add("orders", s, last);
    scheduler.tick();
    scheduler.tick(); // a second tick at the same time starts nothing more
    QCOMPARE(int(starts.runs.size()), runsAtStart);
    if (runsAtStart) {
        QCOMPARE(starts.runs[0].second, why);
        clock.advance(10s);
        scheduler.finished("orders");
        // The run at start is anchored where it ran, for intervals.
        if (s.kind == Schedule::Kind::Every)
            QCOMPARE(iso(*scheduler.nextRun("orders")), iso(at(now.toUtf8().constData()) + s.interval));
        else
            QCOMPARE(iso(*scheduler.nextRun("orders")), nextDue);
    } else {
        QCOMPARE(iso(*scheduler.nextRun("orders")), nextDue);
        QCOMPARE(iso(*scheduler.nextWakeUp()), nextDue);
    }
}

void TestScheduler::everyRunsOnTime()
{
    FakeClock clock(at("2026-03-01T10:00:00Z"));
    Starts starts;
    Scheduler scheduler(clock, starts.callback());
    scheduler.add("orders", every("15m"), at("2026-03-01T09:59:00Z"));
    for (int minute = 0; minute < 60; ++minute) {
        scheduler.tick();
        if (scheduler.running("orders")) {
            clock.advance(20s); // each run takes 20 seconds
            scheduler.finished("orders");
        }
        clock.set(at("2026-03-01T10:00:00Z") + std::chrono::minutes(minute + 1));
    }
    // Due 10:14, 10:29, 10:44, 10:59, each one interval after the previous was due.
    QCOMPARE(int(starts.runs.size()), 4);
    QCOMPARE(iso(*scheduler.nextRun("orders")), QStringLiteral("2026-03-01T11:14:00.000Z"));
}

void TestScheduler::neverOverlaps()
{
    FakeClock clock(at("2026-03-01T10:00:00Z"));
    Starts starts;
    Scheduler scheduler(clock, starts.callback());
    scheduler.add("orders", every("1m"), std::nullopt);
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 1);
    // The run takes 10 minutes: ten slots pass, nothing else starts.
    for (int i = 0; i < 10; ++i) {
        clock.advance(60s);
        scheduler.tick();
    }
    QCOMPARE(int(starts.runs.size()), 1);
    QVERIFY(!scheduler.nextWakeUp());
    scheduler.finished("orders");
    // The slots that passed meanwhile make one run, at once.
    QCOMPARE(iso(*scheduler.nextWakeUp()), iso(clock.now()));
    scheduler.tick();
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 2);
    QCOMPARE(starts.runs[1].second, RunTrigger::CatchUp);
    clock.advance(5s);
    scheduler.finished("orders");
    QCOMPARE(iso(*scheduler.nextRun("orders")), QStringLiteral("2026-03-01T10:11:00.000Z"));
}

void TestScheduler::deactivatedFlowIsNotStarted()
{
    FakeClock clock(at("2026-03-01T10:00:00Z"));
    Starts starts;
    Scheduler scheduler(clock, starts.callback());
    scheduler.add("orders", every("1m"), std::nullopt);
    scheduler.add("customers", every("1m"), std::nullopt, true); // deactivated in its saved state
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 1);
    QCOMPARE(starts.runs[0].first, std::string("orders"));
    scheduler.finished("orders", true); // that run failed for the Nth time in a row
    QVERIFY(scheduler.deactivated("orders"));
    QVERIFY(!scheduler.nextRun("orders"));
    for (int i = 0; i < 5; ++i) {
        clock.advance(60s);
        scheduler.tick();
    }
    QCOMPARE(int(starts.runs.size()), 1);
    QVERIFY(!scheduler.nextWakeUp());
    scheduler.setDeactivated("orders", false);
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 2);
}

void TestScheduler::pauseAndResume()
{
    setTimeZone("UTC0");
    FakeClock clock(at("2026-03-01T01:00:00Z"));
    Starts starts;
    Scheduler scheduler(clock, starts.callback());
    scheduler.add("nightly", daily("02:30"), at("2026-02-28T02:30:00Z"));
    scheduler.setPaused("nightly", true);
    QVERIFY(!scheduler.nextRun("nightly"));
    clock.set(at("2026-03-03T12:00:00Z")); // two slots pass while paused
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 0);
    scheduler.setPaused("nightly", false);
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 1);
    QCOMPARE(starts.runs[0].second, RunTrigger::CatchUp);
    scheduler.finished("nightly");
    QCOMPARE(iso(*scheduler.nextRun("nightly")), QStringLiteral("2026-03-04T02:30:00.000Z"));
}

void TestScheduler::runNowWhileRunningRunsOnceAfter()
{
    FakeClock clock(at("2026-03-01T10:00:00Z"));
    Starts starts;
    Scheduler scheduler(clock, starts.callback());
    scheduler.add("orders", every("1h"), at("2026-03-01T09:30:00Z"));
    scheduler.runNow("orders");
    QCOMPARE(int(starts.runs.size()), 1);
    QCOMPARE(starts.runs[0].second, RunTrigger::Manual);
    scheduler.runNow("orders");
    scheduler.runNow("orders");
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 1);
    clock.advance(30s);
    scheduler.finished("orders");
    scheduler.tick();
    QCOMPARE(int(starts.runs.size()), 2);
    QCOMPARE(starts.runs[1].second, RunTrigger::Manual);
}

void TestScheduler::finishedInsideCallback()
{
    // `flowdeck run` runs the flow inside the callback and reports the end before returning.
    FakeClock clock(at("2026-03-01T10:00:00Z"));
    Scheduler *self = nullptr;
    int runs = 0;
    Scheduler scheduler(clock, [&](const std::string &flow, RunTrigger) {
        ++runs;
        clock.advance(90s);
        self->finished(flow);
    });
    self = &scheduler;
    scheduler.add("orders", every("1m"), std::nullopt);
    scheduler.tick();
    QCOMPARE(runs, 1);
    QVERIFY(!scheduler.running("orders"));
    // The run took longer than the interval: the next one is due at once, and only one.
    scheduler.tick();
    QCOMPARE(runs, 2);
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
