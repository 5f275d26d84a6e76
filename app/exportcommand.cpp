#include "exportcommand.h"

#include "core/export/exporter.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace flowdeck::cli {

namespace {

QString targetList()
{
    QStringList names;
    for (ExportTarget t : exportTargets())
        names << QString::fromStdString(exportTargetName(t));
    return names.join(QStringLiteral(" | "));
}

} // namespace

int exportCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes what runs a flow on an existing cluster: a Kafka Connect JDBC sink or Debezium MySQL\n"
        "connector (JSON for the Connect REST API), Flink SQL, or a TiCDC changefeed (TOML).\n"
        "Everything the target cannot express is printed as \"path: message\" (exit 2)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FLOW"), QStringLiteral("the flow file (*.flow.json)"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("the target: ") + targetList(), QStringLiteral("TARGET"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("write to FILE instead of stdout"), QStringLiteral("FILE"));
    const QCommandLineOption partial(QStringLiteral("partial"),
                                     QStringLiteral("with problems, still write what the target can express (exit 2)"));
    parser.addOptions({to, output, partial});
    if (!parser.parse(QStringList{QStringLiteral("flowdeck export")} + args)) {
        err << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: flowdeck export [options] FLOW --to TARGET"));
        out << help;
        return 0;
    }
    const auto target = exportTargetFromName(parser.value(to).toStdString());
    if (parser.positionalArguments().size() != 1 || !target) {
        if (parser.isSet(to) && !target)
            err << "flowdeck export: unknown target '" << parser.value(to) << "' (expected " << targetList() << ")\n";
        err << "Usage: flowdeck export FLOW --to " << targetList() << " [-o FILE] [--partial]\n";
        return 2;
    }

    const std::string path = parser.positionalArguments().first().toStdString();
    Flow flow;
    try {
        flow = loadFlow(path); // validated as by validate; no secret is looked up: references stay references
    } catch (const FlowError &e) {
        for (const FlowProblem &p : e.problems())
            err << QString::fromStdString(path) << ": " << QString::fromStdString(p.toString()) << '\n';
        return 2;
    }

    const ExportResult result = exportFlow(flow, *target);
    for (const FlowProblem &p : result.problems)
        err << QString::fromStdString(p.toString()) << '\n';
    if (!result.problems.empty()) {
        err << QString::fromStdString(path) << ": " << result.problems.size()
            << (result.problems.size() == 1 ? " part" : " parts") << " of the flow cannot be expressed in "
            << QString::fromStdString(exportTargetName(*target))
            << (result.text.empty()          ? "; nothing to write\n"
                : parser.isSet(partial)      ? "; the rest is written, adapt it by hand\n"
                                             : "; nothing written (--partial writes the rest)\n");
        if (!parser.isSet(partial) || result.text.empty())
            return 2;
    }

    const QByteArray text = QByteArray::fromStdString(result.text);
    if (parser.isSet(output)) {
        QSaveFile file(parser.value(output));
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
            err << "flowdeck export: cannot write " << parser.value(output) << ": " << file.errorString() << '\n';
            return 1;
        }
    } else {
        out << QString::fromUtf8(text);
    }
    return result.problems.empty() ? 0 : 2;
}

} // namespace flowdeck::cli
