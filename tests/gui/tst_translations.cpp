// The Japanese and Simplified Chinese UI translations: the checked-in .ts files are complete and
// current, the built .qm files carry them, and the real main window shows them.
#include "tests/common/testsupport.h"

#include "widgets/examples.h"
#include "widgets/flowlistmodel.h"
#include "widgets/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QImage>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRawFont>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <map>
#include <memory>

using namespace flowdeck;

namespace {

const QStringList kLanguages = {QStringLiteral("ja"), QStringLiteral("zh_CN")};

struct TsMessage
{
    QString context;
    QString source;
    QString comment;
    QString translation; // numerus forms joined with '\n'
    QString type;        // "", "unfinished", "vanished", "obsolete"
    QString location;    // "file:line" of the first location, for messages
};

QString tsPath(const QString &language)
{
    return QStringLiteral(FLOWDECK_SOURCE_DIR "/translations/flowdeck_%1.ts").arg(language);
}

// The build's translations/ directory: the test binary lives in <build>/tests/.
QString qmDir()
{
    return QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../translations"));
}

QString where(const TsMessage &m)
{
    return QStringLiteral("%1 [%2] \"%3\"").arg(m.location, m.context, m.source);
}

/// Reads a Qt Linguist .ts file. Returns false (with `error`) when it is not well-formed.
bool readTs(const QString &path, QList<TsMessage> &messages, QString &language, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("TS")) {
            language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            TsMessage m;
            m.context = context;
            const bool numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("location")) {
                    if (m.location.isEmpty())
                        m.location = xml.attributes().value(QLatin1String("filename")).toString() + QLatin1Char(':')
                            + xml.attributes().value(QLatin1String("line")).toString();
                    xml.skipCurrentElement();
                } else if (xml.name() == QLatin1String("source")) {
                    m.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("comment")) {
                    m.comment = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    m.type = xml.attributes().value(QLatin1String("type")).toString();
                    if (numerus) {
                        QStringList forms;
                        while (xml.readNextStartElement())
                            forms << xml.readElementText();
                        m.translation = forms.join(QLatin1Char('\n'));
                    } else {
                        m.translation = xml.readElementText();
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << m;
        }
    }
    if (xml.hasError()) {
        error = QStringLiteral("%1:%2: %3").arg(path, QString::number(xml.lineNumber()), xml.errorString());
        return false;
    }
    return true;
}

/// The %1…%99 placeholders of a text (also %L1), as numbers, sorted.
QList<int> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2})"));
    QList<int> result;
    for (auto it = re.globalMatch(text); it.hasNext();)
        result << it.next().captured(1).toInt();
    std::sort(result.begin(), result.end());
    return result;
}

/// The mnemonic letters of a text ("&F" → 'F'; "&&" is a literal ampersand).
QString mnemonics(const QString &text)
{
    QString result;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&'))
            continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        result += text[i + 1].toUpper();
        ++i;
    }
    return result;
}

QStringList htmlTags(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("</?[a-zA-Z][^>]*>"));
    QStringList result;
    for (auto it = re.globalMatch(text); it.hasNext();)
        result << it.next().captured(0);
    return result;
}

QStringList fileDialogPatterns(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("\\((\\*(?:\\.[^\\s)]+)?(?:\\s+\\*(?:\\.[^\\s)]+)?)*)\\)")); // "(*.csv *.tsv)", "(*)"; not "(* required)"
    QStringList result;
    for (auto it = re.globalMatch(text); it.hasNext();)
        result << it.next().captured(1);
    return result;
}

QString lupdatePath()
{
    for (const QString &dir : {QLibraryInfo::path(QLibraryInfo::BinariesPath),
                               QLibraryInfo::path(QLibraryInfo::LibraryExecutablesPath)}) {
        const QString candidate = dir + QStringLiteral("/lupdate");
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    QString found = QStandardPaths::findExecutable(QStringLiteral("lupdate-qt6"));
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(QStringLiteral("lupdate"));
    return found;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void knownTranslations_data();
    void knownTranslations();
    void everyMessageIsFinished_data();
    void everyMessageIsFinished();
    void placeholdersAreKept_data();
    void placeholdersAreKept();
    void markupIsKept_data();
    void markupIsKept();
    void builtQmMatchesTs_data();
    void builtQmMatchesTs();
    void tsFilesAreCurrent();
    void mainWindowIsTranslated_data();
    void mainWindowIsTranslated();

private:
    void addLanguageRows();

    std::map<QString, std::unique_ptr<QTranslator>> m_translators; // by language
    std::map<QString, QList<TsMessage>> m_messages;                // by language
    QTemporaryDir m_dir;
    QString m_flows;
};

void TestTranslations::initTestCase()
{
    Q_INIT_RESOURCE(flowdeck);
    QVERIFY(m_dir.isValid());
    m_flows = m_dir.filePath(QStringLiteral("flows"));
    installExamples(m_flows);

    for (const QString &language : kLanguages) {
        const QString qm = qmDir() + QStringLiteral("/flowdeck_%1.qm").arg(language);
        QVERIFY2(QFile::exists(qm), qPrintable(qm + QStringLiteral(" was not built (target flowdeck_translations)")));
        auto translator = std::make_unique<QTranslator>();
        QVERIFY2(translator->load(qm), qPrintable(qm));
        QVERIFY(!translator->isEmpty());
        QCOMPARE(translator->language(), language);
        m_translators[language] = std::move(translator);

        QList<TsMessage> messages;
        QString tsLanguage, error;
        QVERIFY2(readTs(tsPath(language), messages, tsLanguage, error), qPrintable(error));
        QCOMPARE(tsLanguage, language);
        QVERIFY2(!messages.isEmpty(), qPrintable(tsPath(language) + QStringLiteral(" has no messages: run the update_translations target")));
        m_messages[language] = messages;
    }
}

void TestTranslations::addLanguageRows()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : kLanguages)
        QTest::newRow(qPrintable(language)) << language;
}

void TestTranslations::knownTranslations_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    const QString mw = QStringLiteral("flowdeck::MainWindow");
    const QString model = QStringLiteral("flowdeck::FlowListModel");
    struct Row
    {
        const char *tag;
        QString context;
        const char *source;
        const char *ja;
        const char *zh;
    };
    const Row rows[] = {
        {"file menu", mw, "&File", "ファイル(&F)", "文件(&F)"},
        {"flow menu", mw, "F&low", "フロー(&L)", "流(&L)"},
        {"run flow", mw, "&Run Flow", "フロー実行(&R)", "运行流(&R)"},
        {"stop run", mw, "&Stop the Current Flow Run", "現在のフロー実行を停止(&S)", "停止当前流运行(&S)"},
        {"import ellipsis", mw, "&Import Flow File…", "フローファイルをインポート(&I)…", "导入流文件(&I)…"},
        {"dead letters", mw, "Dead letters: %1", "デッドレター: %1", "死信：%1"},
        {"about qt", mw, "About &Qt", "Qt について(&Q)", "关于 Qt(&Q)"},
        {"on demand", model, "Run on demand", "オンデマンドで実行", "按需运行"},
        {"on schedule", model, "Run on schedule", "スケジュールに従って実行", "按计划运行"},
        {"route header", model, "Source → Destination", "ソース → 送信先", "源 → 目标"},
        {"flow header", model, "Flow", "フロー", "流"},
    };
    for (const Row &r : rows) {
        QTest::addRow("ja %s", r.tag) << QStringLiteral("ja") << r.context << QString::fromUtf8(r.source) << QString::fromUtf8(r.ja);
        QTest::addRow("zh_CN %s", r.tag) << QStringLiteral("zh_CN") << r.context << QString::fromUtf8(r.source)
                                         << QString::fromUtf8(r.zh);
    }
}

void TestTranslations::knownTranslations()
{
    QFETCH(QString, language);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(m_translators.at(language)->translate(context.toUtf8().constData(), source.toUtf8().constData()), expected);
}

void TestTranslations::everyMessageIsFinished_data()
{
    addLanguageRows();
}

void TestTranslations::everyMessageIsFinished()
{
    QFETCH(QString, language);
    QStringList problems;
    for (const TsMessage &m : m_messages.at(language)) {
        if (!m.type.isEmpty())
            problems << QStringLiteral("%1: type=\"%2\"").arg(where(m), m.type);
        else if (m.translation.trimmed().isEmpty())
            problems << QStringLiteral("%1: empty translation").arg(where(m));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::placeholdersAreKept_data()
{
    addLanguageRows();
}

void TestTranslations::placeholdersAreKept()
{
    QFETCH(QString, language);
    QStringList problems;
    for (const TsMessage &m : m_messages.at(language)) {
        const QList<int> inSource = placeholders(m.source);
        const QList<int> inTranslation = placeholders(m.translation);
        for (int n : inSource)
            if (!inTranslation.contains(n))
                problems << QStringLiteral("%1: %2 missing in \"%3\"").arg(where(m), QString(u'%' + QString::number(n)), m.translation);
        for (int n : inTranslation)
            if (!inSource.contains(n))
                problems << QStringLiteral("%1: %2 is not in the source, in \"%3\"").arg(where(m), QString(u'%' + QString::number(n)), m.translation);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::markupIsKept_data()
{
    addLanguageRows();
}

// Accelerators (one per text, the same letter, written "(&F)" after the text), "…", HTML tags,
// the file-dialog patterns and line breaks survive the translation.
void TestTranslations::markupIsKept()
{
    QFETCH(QString, language);
    static const QRegularExpression cjkMnemonic(QStringLiteral("\\(&[A-Za-z0-9]\\)(…)?$"));
    QStringList problems;
    for (const TsMessage &m : m_messages.at(language)) {
        const QString t = m.translation;
        const QString mnemonic = mnemonics(m.source);
        if (mnemonics(t) != mnemonic)
            problems << QStringLiteral("%1: accelerator \"%2\" became \"%3\" in \"%4\"").arg(where(m), mnemonic, mnemonics(t), t);
        else if (!mnemonic.isEmpty() && t.contains(QRegularExpression(QStringLiteral("[^\\x00-\\x7f]")))
                 && !cjkMnemonic.match(t).hasMatch())
            problems << QStringLiteral("%1: write the accelerator as \"…(&%2)\" at the end: \"%3\"").arg(where(m), mnemonic, t);
        if (m.source.endsWith(QStringLiteral("…")) != t.endsWith(QStringLiteral("…")))
            problems << QStringLiteral("%1: the trailing \"…\" differs: \"%2\"").arg(where(m), t);
        if (htmlTags(m.source) != htmlTags(t))
            problems << QStringLiteral("%1: HTML tags differ: \"%2\"").arg(where(m), t);
        if (fileDialogPatterns(m.source) != fileDialogPatterns(t))
            problems << QStringLiteral("%1: file patterns differ: \"%2\"").arg(where(m), t);
        if (m.source.count(QLatin1Char('\n')) != t.count(QLatin1Char('\n')))
            problems << QStringLiteral("%1: line breaks differ: \"%2\"").arg(where(m), t);
        for (const char *name : {"Flowdeck", "Qt", "MySQL", "MariaDB", "TiDB", "Kafka"}) {
            const QRegularExpression word(QStringLiteral("(?<![A-Za-z])%1(?![A-Za-z])").arg(QLatin1String(name)));
            if (m.source.contains(word) && !t.contains(word))
                problems << QStringLiteral("%1: product name %2 missing: \"%3\"").arg(where(m), QLatin1String(name), t);
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestTranslations::builtQmMatchesTs_data()
{
    addLanguageRows();
}

// The .qm next to the build is compiled from the .ts as it is now (a stale build would show old
// texts to the user).
void TestTranslations::builtQmMatchesTs()
{
    QFETCH(QString, language);
    const QTranslator &translator = *m_translators.at(language);
    QStringList problems;
    for (const TsMessage &m : m_messages.at(language)) {
        if (!m.type.isEmpty())
            continue; // reported by everyMessageIsFinished
        const QString got = translator.translate(m.context.toUtf8().constData(), m.source.toUtf8().constData(),
                                                 m.comment.isEmpty() ? nullptr : m.comment.toUtf8().constData());
        if (got != m.translation)
            problems << QStringLiteral("%1: .qm has \"%2\", .ts has \"%3\"").arg(where(m), got, m.translation);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

// Every tr() text in app/ and widgets/ is in the .ts files and nothing else is: run lupdate over
// the sources into a scratch file and compare.
void TestTranslations::tsFilesAreCurrent()
{
    const QString lupdate = lupdatePath();
    if (lupdate.isEmpty())
        QSKIP("lupdate not found (Debian: qt6-l10n-tools)");
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString fresh = scratch.filePath(QStringLiteral("flowdeck_check.ts"));
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(FLOWDECK_SOURCE_DIR));
    p.start(lupdate, {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                      QStringLiteral("none"), QStringLiteral("app"), QStringLiteral("widgets"), QStringLiteral("-ts"), fresh});
    QVERIFY2(p.waitForFinished(120000), qPrintable(lupdate));
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAllStandardError().constData());

    QList<TsMessage> current;
    QString language, error;
    QVERIFY2(readTs(fresh, current, language, error), qPrintable(error));
    QVERIFY(!current.isEmpty());
    const auto key = [](const TsMessage &m) -> QString { return m.context + QChar(0x1f) + m.source + QChar(0x1f) + m.comment; };
    QSet<QString> wanted;
    for (const TsMessage &m : current)
        wanted.insert(key(m));
    for (const QString &lang : kLanguages) {
        QSet<QString> have;
        for (const TsMessage &m : m_messages.at(lang))
            have.insert(key(m));
        QStringList problems;
        for (const QString &k : wanted - have)
            problems << QStringLiteral("not in flowdeck_%1.ts: %2").arg(lang, QString(k).replace(QChar(0x1f), QStringLiteral(" | ")));
        for (const QString &k : have - wanted)
            problems << QStringLiteral("no longer in the sources but in flowdeck_%1.ts: %2")
                            .arg(lang, QString(k).replace(QChar(0x1f), QStringLiteral(" | ")));
        problems.sort();
        QVERIFY2(problems.isEmpty(),
                 qPrintable(QStringLiteral("run `cmake --build build --target update_translations` and translate "
                                           "(docs/translations.md):\n")
                            + problems.join(QLatin1Char('\n'))));
    }
}

void TestTranslations::mainWindowIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("menus");
    QTest::addColumn<QString>("routeHeader");
    QTest::addColumn<QString>("trigger");
    QTest::newRow("ja") << QStringLiteral("ja")
                        << QStringList{QStringLiteral("ファイル(&F)"), QStringLiteral("フロー(&L)"), QStringLiteral("設定(&S)"),
                                       QStringLiteral("ヘルプ(&H)")}
                        << QStringLiteral("ソース → 送信先") << QStringLiteral("オンデマンドで実行");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN")
                           << QStringList{QStringLiteral("文件(&F)"), QStringLiteral("流(&L)"), QStringLiteral("设置(&S)"),
                                          QStringLiteral("帮助(&H)")}
                           << QStringLiteral("源 → 目标") << QStringLiteral("按需运行");
}

// The real main window with the translator installed: menus, table header and cells are translated,
// and the CJK text is drawn with a font that has its glyphs (no tofu boxes). The pictures are saved
// as flowdeck-mainwindow-<language>.png and flowdeck-menu-flow-<language>.png in the temp folder.
void TestTranslations::mainWindowIsTranslated()
{
    QFETCH(QString, language);
    QFETCH(QStringList, menus);
    QFETCH(QString, routeHeader);
    QFETCH(QString, trigger);

    QTranslator *translator = m_translators.at(language).get();
    QVERIFY(QCoreApplication::installTranslator(translator));
    const auto uninstall = qScopeGuard([translator] { QCoreApplication::removeTranslator(translator); });

    MainWindow w(m_flows);
    QStringList titles;
    for (const QAction *a : w.menuBar()->actions())
        titles << a->text();
    QCOMPARE(titles, menus);
    QCOMPARE(w.model()->headerData(FlowListModel::Route, Qt::Horizontal, Qt::DisplayRole).toString(), routeHeader);
    QVERIFY(w.model()->rowCount() > 0);
    int onDemand = 0; // the first on-demand example (continuous ones sort before it)
    while (onDemand + 1 < w.model()->rowCount()
           && !w.model()->index(onDemand, FlowListModel::Name).data().toString().startsWith(QLatin1String("salesforce")))
        ++onDemand;
    QCOMPARE(w.model()->index(onDemand, FlowListModel::Trigger).data().toString(), trigger);

    w.resize(1000, 600);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QImage shot = w.grab().toImage();
    QCOMPARE(shot.size(), QSize(1000, 600));
    const QString dir = qEnvironmentVariable("FLOWDECK_SCREENSHOT_DIR", QDir::tempPath());
    QVERIFY(shot.save(dir + QStringLiteral("/flowdeck-mainwindow-%1.png").arg(language)));

    QMenu *flowMenu = w.menuBar()->actions().at(1)->menu();
    QVERIFY(flowMenu);
    flowMenu->popup(w.mapToGlobal(w.menuBar()->actionGeometry(w.menuBar()->actions().at(1)).bottomLeft()));
    QVERIFY(QTest::qWaitForWindowExposed(flowMenu));
    QVERIFY(flowMenu->grab().toImage().save(dir + QStringLiteral("/flowdeck-menu-flow-%1.png").arg(language)));
    flowMenu->hide();

    // Every CJK character shown in the menu bar and the table has a glyph in the font Qt falls back
    // to for it (without a CJK font Qt draws an empty box for each).
    const QFontDatabase::WritingSystem system =
        language == QLatin1String("ja") ? QFontDatabase::Japanese : QFontDatabase::SimplifiedChinese;
    QVERIFY2(!QFontDatabase::families(system).isEmpty(),
             "no font for this writing system: CJK text is drawn as boxes (install fonts-noto-cjk)");
    const QRawFont raw = QRawFont::fromFont(w.menuBar()->font(), system);
    QVERIFY(raw.isValid());
    for (const QString &text : titles + QStringList{routeHeader, trigger})
        for (const QChar c : text)
            if (c.script() == QChar::Script_Han || c.script() == QChar::Script_Hiragana || c.script() == QChar::Script_Katakana)
                QVERIFY2(raw.supportsCharacter(c), qPrintable(QStringLiteral("no glyph for %1 (U+%2) in %3")
                                                                  .arg(c)
                                                                  .arg(c.unicode(), 4, 16, QLatin1Char('0'))
                                                                  .arg(raw.familyName())));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
