#include "sandboxcommand.h"

#include "core/model/errors.h"
#include "core/devtools/sandbox.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <chrono>

namespace flowdeck::cli {

static const char *const usageText =
    "Usage: flowdeck sandbox <command> [options]\n"
    "\n"
    "A private MariaDB server (Debian's mariadb-server) in one directory, for trying flows.\n"
    "It listens on 127.0.0.1 only; user root without a password; database test; binlog ROW/FULL.\n"
    "\n"
    "Commands:\n"
    "  start    initialise the directory if needed, start the server and wait until it is ready\n"
    "           (an already running sandbox is left alone and its details printed)\n"
    "  stop     shut the server down cleanly\n"
    "  status   say whether it runs and how to connect\n";

static QString shellQuoted(const QString &s)
{
    static const QString safe = QStringLiteral("/._-+=:,@%");
    for (const QChar c : s)
        if (!c.isLetterOrNumber() && !safe.contains(c))
            return u'\'' + QString(s).replace(QStringLiteral("'"), QStringLiteral("'\\''")) + u'\'';
    return s;
}

static void printDetails(QTextStream &out, const Sandbox &sandbox, const SandboxInfo &info, bool running)
{
    const QString dirOption =
        sandbox.dir() == Sandbox::defaultDir() ? QString() : QStringLiteral(" --dir ") + shellQuoted(sandbox.dir());
    const QString port = QString::number(info.port);
    if (running)
        out << "MariaDB sandbox running" << (info.version.isEmpty() ? QString() : QStringLiteral(", ") + info.version)
            << ", pid " << info.pid << "\n";
    else
        out << "MariaDB sandbox not running" << (info.port ? QStringLiteral(" (last on port ") + port + u')' : QString())
            << "\n";
    out << "  directory  " << sandbox.dir() << "\n";
    if (info.port == 0)
        return;
    out << "  host       " << info.host << "\n"
        << "  port       " << port << "\n"
        << "  user       " << info.user << "\n"
        << "  password   " << (info.password.isEmpty() ? QStringLiteral("(empty)") : info.password) << "\n"
        << "  database   " << info.database << "\n"
        << "  socket     " << info.socket << "\n";
    if (!running) {
        out << "\nStart it:  flowdeck sandbox start" << dirOption << "\n";
        return;
    }
    out << "\nConnect:   mariadb -h " << info.host << " -P " << port << " -u " << info.user << " " << info.database << "\n"
        << "Flows:     export FLOWDECK_MYSQL_PORT=" << port << "\n"
        << "Stop:      flowdeck sandbox stop" << dirOption << "\n";
}

int sandboxCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(usageText));
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("start, stop or status"));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption dirOption(
        QStringLiteral("dir"), QStringLiteral("Sandbox directory (default: %1).").arg(Sandbox::defaultDir()),
        QStringLiteral("DIR"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QStringLiteral("start: TCP port on 127.0.0.1 (default %1, TiDB's; 0 picks a free one).").arg(Sandbox::DefaultPort),
        QStringLiteral("PORT"));
    const QCommandLineOption freshOption(QStringLiteral("fresh"),
                                         QStringLiteral("start: delete all data first (stops a running sandbox)."));
    const QCommandLineOption timeoutOption(
        QStringLiteral("timeout"), QStringLiteral("start/stop: seconds to wait for the server (default 60)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("status: print sandbox.json plus \"running\"."));
    parser.addOptions({helpOption, dirOption, portOption, freshOption, timeoutOption, jsonOption});

    auto usageError = [&](const QString &message) {
        err << "flowdeck sandbox: " << message << "\nRun 'flowdeck sandbox --help' for usage.\n";
        return 2;
    };
    if (!parser.parse(QStringList{QStringLiteral("flowdeck sandbox")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        // helpText() starts with a usage line naming the binary's full path and no "sandbox";
        // the description carries the real one.
        const QString help = parser.helpText();
        out << help.mid(help.indexOf(u'\n') + 1);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(positional.isEmpty() ? QStringLiteral("missing command")
                                               : QStringLiteral("unexpected argument ") + positional.at(1));
    const QString command = positional.first();
    if (command != QStringLiteral("start") && command != QStringLiteral("stop") && command != QStringLiteral("status"))
        return usageError(QStringLiteral("unknown command ") + command);

    Sandbox::StartOptions startOptions;
    if (parser.isSet(portOption)) {
        bool ok = false;
        startOptions.port = parser.value(portOption).toInt(&ok);
        if (!ok || startOptions.port < 0 || startOptions.port > 65535)
            return usageError(QStringLiteral("invalid --port ") + parser.value(portOption) + QStringLiteral(": use 0-65535"));
    }
    if (parser.isSet(timeoutOption)) {
        bool ok = false;
        const int seconds = parser.value(timeoutOption).toInt(&ok);
        if (!ok || seconds <= 0)
            return usageError(QStringLiteral("invalid --timeout ") + parser.value(timeoutOption));
        startOptions.timeout = std::chrono::seconds(seconds);
    }
    startOptions.fresh = parser.isSet(freshOption);
    if (command != QStringLiteral("start") && (parser.isSet(portOption) || startOptions.fresh))
        return usageError(QStringLiteral("--port and --fresh only apply to start"));

    Sandbox sandbox(parser.isSet(dirOption) ? parser.value(dirOption) : Sandbox::defaultDir());
    sandbox.setProgressHandler([&err](const QString &message) {
        err << message << "\n";
        err.flush();
    });

    try {
        if (command == QStringLiteral("start")) {
            const Sandbox::StartResult result = sandbox.start(startOptions);
            for (const QString &warning : result.warnings)
                err << "warning: " << warning << "\n";
            err.flush();
            if (result.alreadyRunning)
                out << "Already running; nothing started.\n";
            printDetails(out, sandbox, result.info, true);
        } else if (command == QStringLiteral("stop")) {
            const Sandbox::StopResult result = sandbox.stop(startOptions.timeout);
            if (!result.wasRunning)
                out << "MariaDB sandbox in " << sandbox.dir() << " was not running.\n";
            else if (result.killed)
                out << "MariaDB sandbox killed (it did not shut down in time).\n";
            else
                out << "MariaDB sandbox stopped.\n";
        } else {
            const Sandbox::Status status = sandbox.status();
            if (parser.isSet(jsonOption)) {
                nlohmann::json json = status.info.toJson();
                json["running"] = status.running;
                json["initialised"] = status.initialised;
                json["dir"] = sandbox.dir().toStdString();
                out << QString::fromStdString(json.dump(2)) << "\n";
            } else {
                printDetails(out, sandbox, status.info, status.running);
            }
        }
    } catch (const Error &e) {
        out.flush();
        err << "flowdeck sandbox " << command << ": " << QString::fromStdString(e.what()) << "\n";
        return 1;
    }
    return 0;
}

} // namespace flowdeck::cli
