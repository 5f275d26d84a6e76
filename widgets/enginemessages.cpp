#include "enginemessages.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <vector>

namespace flowdeck {

namespace {

struct Template
{
    const char *pattern; // anchored; its captures are %1, %2, ... of `text`
    const char *text;    // QT_TRANSLATE_NOOP("EngineMessages", ...)
    int nested = 0;      // this capture is itself a message (translated in turn), 0: none
};

// The most visible messages. The English text is core's own, so an English window shows exactly
// what `flowdeck run` prints; add a template here, then run lupdate (docs/translations.md).
const Template templates[] = {
    // Connections.
    {R"(^cannot connect to (\S+) as (.+?): (.+)$)", QT_TRANSLATE_NOOP("EngineMessages", "cannot connect to %1 as %2: %3"), 3},
    {R"(^connection refused$)", QT_TRANSLATE_NOOP("EngineMessages", "connection refused")},
    {R"(^connection timed out$)", QT_TRANSLATE_NOOP("EngineMessages", "connection timed out")},
    {R"(^no route to host$)", QT_TRANSLATE_NOOP("EngineMessages", "no route to host")},
    {R"(^unknown host (.+)$)", QT_TRANSLATE_NOOP("EngineMessages", "unknown host %1")},
    {R"(^Access denied for user '(.*)'@'(.*)' \(using password: YES\)$)",
     QT_TRANSLATE_NOOP("EngineMessages", "Access denied for user '%1'@'%2' (using password: YES)")},
    {R"(^Access denied for user '(.*)'@'(.*)' \(using password: NO\)$)",
     QT_TRANSLATE_NOOP("EngineMessages", "Access denied for user '%1'@'%2' (using password: NO)")},
    {R"(^Unknown database '(.*)'$)", QT_TRANSLATE_NOOP("EngineMessages", "Unknown database '%1'")},
    {R"(^cannot set up the session on (\S+): (.+)$)", QT_TRANSLATE_NOOP("EngineMessages", "cannot set up the session on %1: %2"), 2},
    // Tables and topics.
    {R"(^table (\S+) does not exist \(set "createTable": true to create it\)$)",
     QT_TRANSLATE_NOOP("EngineMessages", "table %1 does not exist (set \"createTable\": true to create it)")},
    {R"(^Table '(.*)' doesn't exist$)", QT_TRANSLATE_NOOP("EngineMessages", "Table '%1' doesn't exist")},
    {R"(^topic '(.*)' does not exist on (.+)$)", QT_TRANSLATE_NOOP("EngineMessages", "topic '%1' does not exist on %2")},
    // Malformed CSV lines.
    {R"(^expected (\d+) fields \(as in the header\) but found (\d+)$)",
     QT_TRANSLATE_NOOP("EngineMessages", "expected %1 fields (as in the header) but found %2")},
    {R"(^expected (\d+) fields \(as in the first record\) but found (\d+)$)",
     QT_TRANSLATE_NOOP("EngineMessages", "expected %1 fields (as in the first record) but found %2")},
    {R"(^unexpected character '(.)' after a closing quote$)",
     QT_TRANSLATE_NOOP("EngineMessages", "unexpected character '%1' after a closing quote")},
    {R"(^unexpected character after a closing quote$)",
     QT_TRANSLATE_NOOP("EngineMessages", "unexpected character after a closing quote")},
    {R"(^invalid UTF-8 byte (\S+)$)", QT_TRANSLATE_NOOP("EngineMessages", "invalid UTF-8 byte %1")},
    {R"(^unbalanced quote: the quoted field opened on line (\d+) is never closed, so the rest of the file was read as one record$)",
     QT_TRANSLATE_NOOP("EngineMessages",
                       "unbalanced quote: the quoted field opened on line %1 is never closed, so the rest of the file was read as one record")},
    // Writing.
    {R"(^Duplicate entry '(.*)' for key '(.*)'$)", QT_TRANSLATE_NOOP("EngineMessages", "Duplicate entry '%1' for key '%2'")},
    {R"(^Column '(.*)' cannot be null$)", QT_TRANSLATE_NOOP("EngineMessages", "Column '%1' cannot be null")},
    // Validation problems ("path: message").
    {R"(^required \(a short name for the flow\)$)", QT_TRANSLATE_NOOP("EngineMessages", "required (a short name for the flow)")},
    {R"(^required when onError is 'skip' \(a JSON Lines file, or \{"topic": \.\.\.\}\)$)",
     QT_TRANSLATE_NOOP("EngineMessages", "required when onError is 'skip' (a JSON Lines file, or {\"topic\": ...})")},
    {R"(^required$)", QT_TRANSLATE_NOOP("EngineMessages", "required")},
    // A prefix before the message: a record's position ("accounts.csv:14:3: ...", "a.csv:14: ..."),
    // a flow file path ("destination.table: ..."). Last: the specific templates above come first.
    {R"(^(.+?):(\d+):(\d+): (.+)$)", QT_TRANSLATE_NOOP("EngineMessages", "%1:%2:%3: %4"), 4},
    {R"(^(.+?):(\d+): (.+)$)", QT_TRANSLATE_NOOP("EngineMessages", "%1:%2: %3"), 3},
    {R"(^([A-Za-z_][\w.\[\]]*): (.+)$)", QT_TRANSLATE_NOOP("EngineMessages", "%1: %2"), 2},
};

const std::vector<QRegularExpression> &expressions()
{
    static const std::vector<QRegularExpression> compiled = [] {
        std::vector<QRegularExpression> out;
        for (const Template &t : templates)
            out.emplace_back(QString::fromUtf8(t.pattern));
        return out;
    }();
    return compiled;
}

QString translate(const QString &english, int depth)
{
    if (english.isEmpty() || depth > 4)
        return english;
    const auto &res = expressions();
    for (std::size_t i = 0; i < res.size(); ++i) {
        const QRegularExpressionMatch m = res[i].match(english);
        if (!m.hasMatch())
            continue;
        const QString text = QCoreApplication::translate("EngineMessages", templates[i].text);
        QStringList a;
        for (int c = 1; c <= res[i].captureCount(); ++c)
            a << (c == templates[i].nested ? translate(m.captured(c), depth + 1) : m.captured(c));
        // One multi-argument arg(): a "%1" inside an argument is not replaced again.
        switch (a.size()) {
        case 0: return text;
        case 1: return text.arg(a[0]);
        case 2: return text.arg(a[0], a[1]);
        case 3: return text.arg(a[0], a[1], a[2]);
        default: return text.arg(a[0], a[1], a[2], a[3]);
        }
    }
    return english;
}

} // namespace

QString engineMessage(const QString &english)
{
    return translate(english, 0);
}

QString engineMessage(const std::string &english)
{
    return translate(QString::fromStdString(english), 0);
}

QString engineMessage(const char *english)
{
    return translate(QString::fromUtf8(english), 0);
}

QString engineStage(const std::string &stage)
{
    if (stage == "read")
        return QCoreApplication::translate("EngineMessages", "read", "record error stage");
    if (stage == "mapping")
        return QCoreApplication::translate("EngineMessages", "mapping", "record error stage");
    if (stage == "write")
        return QCoreApplication::translate("EngineMessages", "write", "record error stage");
    if (stage == "run")
        return QCoreApplication::translate("EngineMessages", "run", "record error stage: the run itself failed");
    return QString::fromStdString(stage);
}

} // namespace flowdeck
