// Issue 15: the embedded broker and the sandbox database in the main window's status bar, with
// Start / Stop, and a topic browser that says when no broker runs and offers the embedded one.
// Its own process: it needs the process-wide embedded broker stopped at its start.
#include "tests/common/testsupport.h"

#include "widgets/brokerstatus.h"
#include "widgets/mainwindow.h"
#include "widgets/sandboxstatus.h"
#include "widgets/topicbrowser/topicbrowser.h"

#include "core/kafka/embeddedbroker.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace flowdeck;

class TestBrokerStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void topicBrowserOffersTheEmbeddedBroker();
    void unreachableBrokerIsSaid();
    void mainWindowStartsAndStopsTheBroker();
    void quittingStopsTheBrokerTheWindowStarted();

private:
    QTemporaryDir m_dir;
    QString m_flows;
};

void TestBrokerStatus::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_STATE_HOME", m_dir.filePath(QStringLiteral("state")).toUtf8());
    qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data")).toUtf8()); // a sandbox that never started
    qputenv("FLOWDECK_KEYCHAIN", "off");
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    QDir().mkpath(m_flows);
    QVERIFY(!EmbeddedBroker::sharedRunning());
}

// Before: the browser started the embedded broker behind the user's back, or listed nothing
// and said nothing when the broker did not answer.
void TestBrokerStatus::topicBrowserOffersTheEmbeddedBroker()
{
    TopicBrowser b;
    b.show();
    QVERIFY(QTest::qWaitForWindowExposed(&b));
    QVERIFY(b.startBrokerButton()->isVisible());
    QVERIFY2(b.statusText().contains(QStringLiteral("The embedded broker is not running.")), qPrintable(b.statusText()));
    b.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-topicbrowser-nobroker.png"));
    b.refreshTopics();
    b.openTopic(QStringLiteral("anything"), TopicStart::Beginning);
    QVERIFY2(!EmbeddedBroker::sharedRunning(), "the browser started the broker unasked");

    QTest::mouseClick(b.startBrokerButton(), Qt::LeftButton);
    QVERIFY(EmbeddedBroker::sharedRunning());
    QVERIFY(!b.startBrokerButton()->isVisible());
    QVERIFY2(!b.statusText().contains(QStringLiteral("not running")), qPrintable(b.statusText()));
    EmbeddedBroker::shared().createTopic("status-topic", 2);
    auto *topics = b.findChildren<QComboBox *>().at(1);
    b.refreshTopics();
    QTRY_VERIFY_WITH_TIMEOUT(topics->findText(QStringLiteral("status-topic")) >= 0, 30000);
    QVERIFY(EmbeddedBroker::stopShared());
}

void TestBrokerStatus::unreachableBrokerIsSaid()
{
    TopicBrowser b;
    b.show();
    b.setBrokers(QStringLiteral("127.0.0.1:1"));
    QVERIFY(!b.startBrokerButton()->isVisible()); // a list is given: nothing said yet
    b.refreshTopics();
    QTRY_VERIFY_WITH_TIMEOUT(b.startBrokerButton()->isVisible(), 60000);
    QVERIFY2(b.statusText().contains(QStringLiteral("No broker answers at 127.0.0.1:1")), qPrintable(b.statusText()));
    QVERIFY(!EmbeddedBroker::sharedRunning());
    b.startEmbeddedBroker();
    QVERIFY(EmbeddedBroker::sharedRunning());
    QVERIFY2(!b.statusText().contains(QStringLiteral("No broker")), qPrintable(b.statusText()));
    QVERIFY(EmbeddedBroker::stopShared());
}

void TestBrokerStatus::mainWindowStartsAndStopsTheBroker()
{
    MainWindow w(m_flows);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    BrokerStatus *broker = w.brokerStatus();
    QVERIFY(broker->isVisible());
    QVERIFY(w.sandboxStatus()->isVisible());
    QCOMPARE(broker->label()->text(), QStringLiteral("Embedded broker: not running"));
    QCOMPARE(w.sandboxStatus()->label()->text(), QStringLiteral("Sandbox database: not running"));
    QCOMPARE(broker->button()->text(), QStringLiteral("Start"));
    // Both fit in the status bar, fully drawn inside the window.
    for (QWidget *status : {static_cast<QWidget *>(broker), static_cast<QWidget *>(w.sandboxStatus())}) {
        const QRect r(status->mapTo(&w, QPoint(0, 0)), status->size());
        QVERIFY2(w.rect().contains(r), qPrintable(status->objectName()));
        QVERIFY(status->width() >= status->sizeHint().width());
    }

    QTest::mouseClick(broker->button(), Qt::LeftButton);
    QVERIFY(EmbeddedBroker::sharedRunning());
    const QString bootstraps = QString::fromStdString(EmbeddedBroker::sharedBootstraps());
    QCOMPARE(broker->label()->text(), QStringLiteral("Embedded broker: running on ") + bootstraps);
    QCOMPARE(broker->button()->text(), QStringLiteral("Stop"));
    w.grab().save(QDir::tempPath() + QStringLiteral("/flowdeck-mainwindow-broker.png"));
    QTest::mouseClick(broker->button(), Qt::LeftButton);
    QVERIFY(!EmbeddedBroker::sharedRunning());
    QCOMPARE(broker->label()->text(), QStringLiteral("Embedded broker: not running"));

    // Started elsewhere (a flow run, the topic browser): the label follows.
    EmbeddedBroker::shared();
    QTRY_COMPARE_WITH_TIMEOUT(broker->button()->text(), QStringLiteral("Stop"), 10000);
    QVERIFY(EmbeddedBroker::stopShared());
}

void TestBrokerStatus::quittingStopsTheBrokerTheWindowStarted()
{
    MainWindow w(m_flows);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTest::mouseClick(w.brokerStatus()->button(), Qt::LeftButton);
    QVERIFY(EmbeddedBroker::sharedRunning());
    QVERIFY(w.close()); // the sandbox does not run: no question
    QVERIFY(!EmbeddedBroker::sharedRunning());
}

QTEST_MAIN(TestBrokerStatus)
#include "tst_brokerstatus.moc"
