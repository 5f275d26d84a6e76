// Screenshots of the monitor window during a run and of the topic browser, for docs/ and the
// README. Skipped unless FLOWDECK_SCREENSHOT_DIR is set; FLOWDECK_SCREENSHOT_LANG picks the
// language ("en" default, "ja", "zh_CN": the build's translations). See
// docs/screenshots/take-dashboard-screenshots.sh.
#include "tests/common/testsupport.h"

#include "core/flow/flow.h"
#include "core/mysql/mysqlconnection.h"
#include "core/devtools/workload.h"
#include "widgets/dashboard/monitorwindow.h"
#include "widgets/dashboard/ratechart.h"
#include "widgets/flowrunner.h"
#include "widgets/topicbrowser/topicbrowser.h"
#include "widgets/topicbrowser/topicmessagemodel.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <atomic>
#include <thread>

using namespace flowdeck;

class TestDashboardScreenshots : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void monitorAndTopicBrowser();

private:
    QString m_dir;
    QString m_lang;
    QTranslator m_qt, m_app;
};

void TestDashboardScreenshots::initTestCase()
{
    m_dir = qEnvironmentVariable("FLOWDECK_SCREENSHOT_DIR");
    if (m_dir.isEmpty())
        QSKIP("set FLOWDECK_SCREENSHOT_DIR (and FLOWDECK_SCREENSHOT_LANG) to take the screenshots");
    m_lang = qEnvironmentVariable("FLOWDECK_SCREENSHOT_LANG", QStringLiteral("en"));
    const QLocale locale(m_lang);
    QLocale::setDefault(locale);
    if (m_lang != QLatin1String("en")) {
        QVERIFY(m_app.load(locale, QStringLiteral("flowdeck"), QStringLiteral("_"),
                           QCoreApplication::applicationDirPath() + QStringLiteral("/../translations")));
        QApplication::installTranslator(&m_app);
        if (m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&m_qt);
    }
    QDir().mkpath(m_dir);
}

void TestDashboardScreenshots::monitorAndTopicBrowser()
{
    const std::string db = test::freshDatabase("tpcc");
    const nlohmann::json connection = test::sandboxConnection(db);
    qputenv("FLOWDECK_MYSQL_PORT", QByteArray::number(connection["port"].get<int>()));
    qputenv("FLOWDECK_MYSQL_USER", QByteArray::fromStdString(connection["user"].get<std::string>()));
    qputenv("FLOWDECK_MYSQL_PASSWORD", QByteArray::fromStdString(connection["password"].get<std::string>()));
    qunsetenv("FLOWDECK_KAFKA_BROKERS");
    const MySqlConnectionConfig config = MySqlConnectionConfig::fromJson(connection);
    Workload(config, WorkloadOptions()).prepare();

    QTemporaryDir state;
    EngineOptions options;
    options.stateDir = state.path().toStdString();
    MonitorWindow w(loadFlow(test::sourcePath("resources/examples/tpcc-to-kafka/tpcc-to-kafka.flow.json")), options);
    w.resize(1280, 860);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.start();
    QTRY_VERIFY_WITH_TIMEOUT(w.runner()->metrics().capture().phase == RunPhase::Streaming, 60000);

    // A steady workload for a while, so the charts show live lines.
    std::atomic<bool> done{false};
    std::thread writer([&] {
        WorkloadOptions o;
        o.seconds = 75;
        o.rate = 60;
        o.threads = 2;
        Workload(config, o).run();
        done = true;
    });
    QTest::qWait(70000); // the snapshot's burst has scrolled out of the charts' last minute
    QVERIFY(w.tableChart()->pointCount(QString::fromStdString(db + ".order_line")) > 10);
    QVERIFY(w.grab().save(m_dir + QStringLiteral("/monitor-%1.png").arg(m_lang)));
    while (!done)
        QTest::qWait(100);
    writer.join();
    w.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!w.runner()->isRunning(), 30000);

    TopicBrowser b;
    b.resize(1280, 760);
    b.show();
    b.setBrokers(QStringLiteral("embedded"));
    b.openTopic(QString::fromStdString("tidb_" + db + "_customer"), TopicStart::Beginning);
    QTRY_VERIFY_WITH_TIMEOUT(b.model()->rowCount() > 0, 30000);
    QTest::qWait(2000); // the rest of the topic
    b.setSearchText(QStringLiteral("\"UPDATE\""));
    QTRY_VERIFY(b.shown()->rowCount() > 0);
    b.selectRow(0);
    QTest::qWait(200);
    QVERIFY(b.grab().save(m_dir + QStringLiteral("/topic-browser-%1.png").arg(m_lang)));
}

QTEST_MAIN(TestDashboardScreenshots)
#include "tst_dashboardscreenshots.moc"
