#include "cli.h"

#include "brokercommand.h"
#include "exportcommand.h"
#include "historycommand.h"
#include "tailcommand.h"
#include "runcommand.h"
#include "sandboxcommand.h"
#include "workloadcommand.h"

#include "core/flow/flow.h"
#include "app/secretlookup.h"

#include <QTextStream>

#include <cstring>

namespace flowdeck::cli {

namespace {

const char kUsage[] =
    "Usage: flowdeck [COMMAND] [OPTIONS]\n"
    "\n"
    "Without a command, Flowdeck starts its window.\n"
    "\n"
    "Commands:\n"
    "  run FLOW [--state-dir DIR] [--until-idle] [--metrics-json FILE] [--restart] [--quiet]\n"
    "                               run a flow file to its end (resumes a run that did not complete)\n"
    "  run FLOW [--once] [--reactivate]\n"
    "                               a scheduled flow: keep running it on its schedule, or run it once now\n"
    "  validate FLOW                check a flow file: exit 0, or every problem as \"path: message\", exit 2\n"
    "  history FLOW [--state-dir DIR] [--json] [-n N]\n"
    "                               past runs of a flow: start, end, result, counts\n"
    "  sandbox start|stop|status [--dir DIR] [--port N] [--fresh]\n"
    "                               a local MariaDB server for trying flows\n"
    "  broker [--brokers N] [--bootstrap-file F] [--topic NAME:PARTITIONS]...\n"
    "                               an embedded Kafka broker in the foreground (librdkafka's mock cluster)\n"
    "  workload [--port N] [--database DB] [--warehouses N] [--seconds S | --transactions T]\n"
    "                               a TPC-C-like write workload for demos and benchmarks\n"
    "  tail TOPIC --brokers B [-n N] [--from-beginning | --offset N | --since TIME] [--exit-at-end]\n"
    "                               print a topic's messages, one JSON object per line\n"
    "  export FLOW --to kafka-connect-jdbc|debezium-mysql|flink-sql|ticdc [-o FILE] [--partial]\n"
    "                               the flow for an existing cluster; what the target cannot express\n"
    "                               is printed as \"path: message\", exit 2\n"
    "  help, --help                 this text\n"
    "  --version                    the version\n"
    "\n"
    "Exit codes: 0 success, 1 the run failed (the error names the record and its position),\n"
    "2 invalid flow file or usage.\n"
    "\n"
    "Run 'flowdeck COMMAND --help' for a command's options.\n";

int validateCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() != 1 || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        (args.value(0).startsWith(QLatin1Char('-')) ? out : err)
            << "Usage: flowdeck validate FLOW\n"
               "Checks FLOW and prints every problem as \"path: message\". Exit 0 when valid, 2 otherwise.\n";
        return args.value(0).startsWith(QLatin1Char('-')) && args.size() == 1 ? 0 : 2;
    }
    const std::string path = args.first().toStdString();
    try {
        // As `run` loads it: secrets from the environment, then this flow's keychain entries.
        const Flow flow = loadFlow(path, secretLookup(flowNameInFile(path)));
        out << QString::fromStdString(path) << ": valid flow \"" << QString::fromStdString(flow.name) << "\"\n";
        return 0;
    } catch (const FlowError &e) {
        for (const FlowProblem &p : e.problems())
            err << QString::fromStdString(p.toString()) << '\n';
        err << QString::fromStdString(path) << ": " << e.problems().size()
            << (e.problems().size() == 1 ? " problem\n" : " problems\n");
        return 2;
    }
}

} // namespace

void printUsage(FILE *stream)
{
    std::fputs(kUsage, stream);
}

bool hasDisplay(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "-platform") == 0 || std::strncmp(argv[i], "-platform=", 10) == 0)
            return true;
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty() && !platform.startsWith("xcb") && !platform.startsWith("wayland"))
        return true; // offscreen, vnc, eglfs, linuxfb...: no window system needed
    return !qgetenv("DISPLAY").isEmpty() || !qgetenv("WAYLAND_DISPLAY").isEmpty();
}

bool isCommand(const char *arg)
{
    static const char *const commands[] = {"run", "validate", "history", "sandbox", "broker", "workload", "tail", "export", "help", "--help", "-h", "--version", "-v"};
    for (const char *c : commands)
        if (std::strcmp(arg, c) == 0)
            return true;
    return false;
}

int run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    const QStringList rest = arguments.mid(2);
    if (command == QLatin1String("run"))
        return runCommand(rest);
    if (command == QLatin1String("validate"))
        return validateCommand(rest);
    if (command == QLatin1String("sandbox"))
        return sandboxCommand(rest);
    if (command == QLatin1String("history"))
        return historyCommand(rest);
    if (command == QLatin1String("broker"))
        return brokerCommand(rest);
    if (command == QLatin1String("workload"))
        return workloadCommand(rest);
    if (command == QLatin1String("tail"))
        return tailCommand(rest);
    if (command == QLatin1String("export"))
        return exportCommand(rest);
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        QTextStream(stdout) << "flowdeck " << FLOWDECK_VERSION << '\n';
        return 0;
    }
    QTextStream(stdout) << kUsage;
    return 0;
}

} // namespace flowdeck::cli
