// The headless binary (flowdeck-cli beside the window, or flowdeck of a FLOWDECK_GUI=OFF build)
// links no GUI library and runs commands without a display. The suite builds it cheaply: only
// app/main.cpp is compiled a second time, everything else is linked from the same libraries.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

namespace {

QString headlessBinary()
{
    return qEnvironmentVariable("FLOWDECK_HEADLESS_BIN");
}

QString windowBinary()
{
    return qEnvironmentVariable("FLOWDECK_BIN");
}

/// Output of a tool run on the binary, or a failed QVERIFY in the caller on an empty string.
QString toolOutput(const QString &tool, const QStringList &args)
{
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(p.readAllStandardOutput());
}

} // namespace

class TestHeadlessBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noGuiLibrary_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("library");
        // readelf: what the binary asks for itself; ldd: everything loaded, transitively.
        for (const char *tool : {"readelf", "ldd"})
            for (const char *lib : {"libQt6Gui", "libQt6Widgets", "libQt6Charts", "libqt6keychain",
                                    "libQt6Concurrent", "libQt6OpenGL", "libX11", "libGL", "libxcb"})
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(tool), QLatin1String(lib))))
                    << QString::fromLatin1(tool) << QString::fromLatin1(lib);
    }

    void noGuiLibrary()
    {
        QFETCH(QString, tool);
        QFETCH(QString, library);
        QVERIFY2(!headlessBinary().isEmpty(), "FLOWDECK_HEADLESS_BIN is not set (run through ctest)");
        const QString out = tool == QLatin1String("readelf")
                                ? toolOutput(tool, {QStringLiteral("-d"), headlessBinary()})
                                : toolOutput(tool, {headlessBinary()});
        QVERIFY2(out.contains(QLatin1String("libQt6Core")), qPrintable(tool + QStringLiteral(" output: ") + out));
        QVERIFY2(!out.contains(library), qPrintable(library + QStringLiteral(" is linked:\n") + out));
    }

    // The same check sees the GUI libraries where they are: it is not blind.
    void windowLinksWidgets()
    {
        if (windowBinary() == headlessBinary())
            QSKIP("built with FLOWDECK_GUI=OFF: there is no window binary");
        const QString out = toolOutput(QStringLiteral("readelf"), {QStringLiteral("-d"), windowBinary()});
        QVERIFY2(out.contains(QLatin1String("libQt6Widgets")), qPrintable(out));
    }

    void runsWithoutDisplay_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stdoutContains");
        const QString flow = QStringLiteral(FLOWDECK_SOURCE_DIR "/resources/examples/salesforce-accounts/accounts-insert.flow.json");
        const QString cdcFlow = QStringLiteral(FLOWDECK_SOURCE_DIR "/resources/examples/tpcc-to-kafka/tpcc-to-kafka-debezium.flow.json");
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0 << QStringLiteral("flowdeck ");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QStringLiteral("export FLOW --to");
        QTest::newRow("validate") << QStringList{QStringLiteral("validate"), flow} << 0 << QStringLiteral("valid flow");
        QTest::newRow("export") << QStringList{QStringLiteral("export"), cdcFlow, QStringLiteral("--to"), QStringLiteral("debezium-mysql")}
                                << 0 << QStringLiteral("io.debezium.connector.mysql.MySqlConnector");
        // A file source has no Kafka Connect equivalent: exit 2, nothing on stdout.
        QTest::newRow("export not expressible") << QStringList{QStringLiteral("export"), flow, QStringLiteral("--to"), QStringLiteral("kafka-connect-jdbc")}
                                                << 2 << QString();
        QTest::newRow("export unknown target") << QStringList{QStringLiteral("export"), flow, QStringLiteral("--to"), QStringLiteral("spark")}
                                               << 2 << QString();
    }

    void runsWithoutDisplay()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, stdoutContains);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(name));
        p.setProcessEnvironment(env);
        p.start(headlessBinary(), args);
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitCode(), exitCode);
        if (stdoutContains.isEmpty())
            QVERIFY2(out.isEmpty(), qPrintable(out));
        else
            QVERIFY2(out.contains(stdoutContains), qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
    }
};

QTEST_GUILESS_MAIN(TestHeadlessBinary)
#include "tst_headlessbinary.moc"
