#include "historycommand.h"
#include "core/model/jsontext.h"

#include "core/flow/flow.h"
#include "core/engine/runstate.h"
#include "scheduledrun.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <fstream>

namespace flowdeck::cli {

namespace {

QString text(const nlohmann::ordered_json &j, const char *key)
{
    if (!j.contains(key) || j[key].is_null())
        return QStringLiteral("-");
    if (j[key].is_string())
        return QString::fromStdString(j[key].get<std::string>());
    return QString::fromStdString(j[key].dump());
}

} // namespace

int historyCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Shows a flow's past runs: start, end, result and counts."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FLOW"), QStringLiteral("the flow file (*.flow.json)"));
    const QCommandLineOption stateDir(QStringLiteral("state-dir"), QStringLiteral("the state folder the runs used"),
                                      QStringLiteral("DIR"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("print the runs as JSON Lines"));
    const QCommandLineOption last(QStringList{QStringLiteral("n"), QStringLiteral("last")},
                                  QStringLiteral("only the last N runs"), QStringLiteral("N"));
    parser.addOptions({stateDir, json, last});
    QTextStream out(stdout);
    QTextStream err(stderr);
    const bool parsed = parser.parse(QStringList{QStringLiteral("flowdeck history")} + args);
    if (parsed && parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: flowdeck history [options] FLOW"));
        out << help;
        return 0;
    }
    if (!parsed || parser.positionalArguments().size() != 1) {
        err << (parser.errorText().isEmpty() ? QString() : parser.errorText() + QLatin1Char('\n'))
            << "Usage: flowdeck history FLOW [--state-dir DIR] [--json] [-n N]\n";
        return 2;
    }
    const std::string path = parser.positionalArguments().first().toStdString();
    Flow flow;
    try {
        flow = loadFlow(path, secretsNotNeeded(processEnvironment())); // only its name is needed
    } catch (const FlowError &e) {
        for (const FlowProblem &p : e.problems())
            err << QString::fromStdString(path) << ": " << QString::fromStdString(p.toString()) << '\n';
        return 2;
    }
    const std::string dir = parser.isSet(stateDir) ? parser.value(stateDir).toStdString() : StateStore::defaultDir();
    const StateStore store(dir, flow.name);

    std::vector<nlohmann::ordered_json> runs;
    std::ifstream in(store.historyPath());
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty())
            continue;
        try {
            runs.push_back(nlohmann::ordered_json::parse(line));
        } catch (const nlohmann::json::exception &e) {
            err << QString::fromStdString(store.historyPath()) << ':' << lineNo << ": skipped, not JSON: " << e.what() << '\n';
        }
    }
    const int n = parser.isSet(last) ? parser.value(last).toInt() : 0;
    if (n > 0 && runs.size() > std::size_t(n))
        runs.erase(runs.begin(), runs.end() - n);

    if (parser.isSet(json)) {
        for (const auto &r : runs)
            out << QString::fromStdString(jsonText(r)) << '\n';
        return 0;
    }
    if (runs.empty()) {
        out << QString::fromStdString(flow.name) << ": no runs recorded in " << QString::fromStdString(store.historyPath()) << '\n';
        return 0;
    }
    out << QStringLiteral("%1  %2  %3  %4 %5 %6 %7 %8\n")
               .arg(QStringLiteral("started"), -24)
               .arg(QStringLiteral("ended"), -24)
               .arg(QStringLiteral("result"), -9)
               .arg(QStringLiteral("read"), 10)
               .arg(QStringLiteral("written"), 10)
               .arg(QStringLiteral("filtered"), 10)
               .arg(QStringLiteral("dead"), 8)
               .arg(QStringLiteral("failed"), 6);
    for (const auto &r : runs) {
        out << QStringLiteral("%1  %2  %3  %4 %5 %6 %7 %8\n")
                   .arg(text(r, "startedAt"), -24)
                   .arg(text(r, "endedAt"), -24)
                   .arg(text(r, "status") + (r.value("resumed", false) ? QStringLiteral("*") : QString()), -9)
                   .arg(text(r, "read"), 10)
                   .arg(text(r, "written"), 10)
                   .arg(text(r, "filtered"), 10)
                   .arg(text(r, "deadLettered"), 8)
                   .arg(text(r, "failed"), 6);
        if (r.contains("trigger")) {
            // Scheduled flows: why the run started, bytes read, watermark before and after.
            QString detail = QStringLiteral("    trigger ") + text(r, "trigger");
            if (r.contains("bytes"))
                detail += QStringLiteral(", %1 bytes read").arg(text(r, "bytes"));
            if (r.contains("watermarkBefore") || r.contains("watermarkAfter"))
                detail += QStringLiteral(", watermark %1 -> %2")
                              .arg(watermarkText(r.value("watermarkBefore", nlohmann::json())),
                                   watermarkText(r.value("watermarkAfter", nlohmann::json())));
            if (r.value("deactivated", false))
                detail += QStringLiteral(", schedule deactivated after %1 failed runs in a row").arg(text(r, "consecutiveFailures"));
            out << detail << '\n';
        }
        if (r.contains("error") && r["error"].is_object())
            out << "    " << text(r["error"], "message") << '\n';
    }
    out << "(* resumed a run that had not completed)\n";
    return 0;
}

} // namespace flowdeck::cli
