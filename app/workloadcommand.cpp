#include "workloadcommand.h"

#include "core/model/errors.h"
#include "core/devtools/workload.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <optional>
#include <type_traits>

namespace flowdeck::cli {

namespace {

const char *const usageText =
    "Usage: flowdeck workload [options]\n"
    "\n"
    "A TPC-C-like workload (go-tpc's tables, scaled down: profile tpcc-lite) for demos, CDC tests and\n"
    "benchmarks. Creates the database and its nine tables when missing, loads the initial data when\n"
    "they are empty, then runs new-order, payment and delivery transactions and prints what changed.\n"
    "Default: 127.0.0.1:4000 as root without a password (the sandbox), database tpcc, 60 seconds.\n"
    "\n"
    "Examples:\n"
    "  flowdeck sandbox start\n"
    "  flowdeck workload --port 4000 --database tpcc --warehouses 1 --seconds 30\n"
    "  flowdeck workload --mysql mysql://root:secret@db:3306/tpcc --transactions 1000 --seed 7\n";

std::atomic<bool> g_stop{false};

extern "C" void onWorkloadSignal(int)
{
    g_stop.store(true);
}

} // namespace

int workloadCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(usageText));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    auto valueOption = [](const char *name, const char *description, const char *valueName) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(description), QString::fromLatin1(valueName));
    };
    const QCommandLineOption mysqlOption = valueOption(
        "mysql", "Server as a URL mysql://user:password@host:port/database (the options below override its parts).", "URL");
    const QCommandLineOption hostOption = valueOption("host", "Server host (default 127.0.0.1).", "HOST");
    const QCommandLineOption portOption = valueOption("port", "Server port (default 4000).", "PORT");
    const QCommandLineOption userOption = valueOption("user", "User (default root).", "USER");
    const QCommandLineOption passwordOption = valueOption("password", "Password (default empty).", "PASSWORD");
    const QCommandLineOption databaseOption = valueOption("database",
        "Database, created when missing (default tpcc).", "DB");
    const QCommandLineOption profileOption = valueOption("profile",
        "Workload profile: tpcc-lite (the default and only one).", "NAME");
    const QCommandLineOption warehousesOption = valueOption("warehouses", "Warehouses to load (default 1).", "N");
    const QCommandLineOption secondsOption = valueOption("seconds",
        "Run this long (default 60 without --transactions).", "S");
    const QCommandLineOption transactionsOption = valueOption("transactions",
        "Run this many transactions, then stop.", "T");
    const QCommandLineOption threadsOption = valueOption("threads",
        "Connections running transactions (default 1).", "K");
    const QCommandLineOption seedOption = valueOption("seed",
        "Random seed (default 1): one thread and --transactions give the same data for the same seed.", "X");
    const QCommandLineOption rateOption = valueOption("rate",
        "At most this many transactions per second in all (default: as fast as possible).", "TPS");
    const QCommandLineOption prepareOption(QStringLiteral("prepare"),
        QStringLiteral("Create and load the tables when missing or empty (the default)."));
    const QCommandLineOption prepareOnlyOption(QStringLiteral("prepare-only"),
        QStringLiteral("Create and load the tables, run no transactions."));
    const QCommandLineOption noPrepareOption(QStringLiteral("no-prepare"),
        QStringLiteral("Run on the existing tables without creating or loading anything."));
    parser.addOptions({helpOption, mysqlOption, hostOption, portOption, userOption, passwordOption, databaseOption,
                       profileOption, warehousesOption, secondsOption, transactionsOption, threadsOption, seedOption,
                       rateOption, prepareOption, prepareOnlyOption, noPrepareOption});

    auto usageError = [&](const QString &message) {
        err << "flowdeck workload: " << message << "\nRun 'flowdeck workload --help' for usage.\n";
        return 2;
    };
    if (!parser.parse(QStringList{QStringLiteral("flowdeck workload")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        const QString help = parser.helpText();
        out << help.mid(help.indexOf(u'\n') + 1);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument ") + parser.positionalArguments().first());

    nlohmann::json connection = {{"host", "127.0.0.1"}, {"port", 4000}, {"user", "root"}, {"password", ""},
                                 {"database", "tpcc"}};
    if (parser.isSet(mysqlOption)) {
        const QUrl url(parser.value(mysqlOption), QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QStringLiteral("mysql") || url.host().isEmpty())
            return usageError(QStringLiteral("invalid --mysql ") + parser.value(mysqlOption)
                              + QStringLiteral(": use mysql://user:password@host:port/database"));
        connection["host"] = url.host().toStdString();
        if (url.port() > 0)
            connection["port"] = url.port();
        if (!url.userName().isEmpty())
            connection["user"] = url.userName(QUrl::FullyDecoded).toStdString();
        connection["password"] = url.password(QUrl::FullyDecoded).toStdString();
        const QString path = url.path(QUrl::FullyDecoded).mid(1);
        if (!path.isEmpty())
            connection["database"] = path.toStdString();
    }
    const std::pair<const QCommandLineOption *, const char *> overrides[] = {
        {&hostOption, "host"}, {&portOption, "port"}, {&userOption, "user"}, {&passwordOption, "password"},
        {&databaseOption, "database"}};
    for (const auto &[option, key] : overrides)
        if (parser.isSet(*option))
            connection[key] = parser.value(*option).toStdString();

    WorkloadOptions options;
    auto wholeNumber = [&](const QCommandLineOption &option, long long min, long long max, auto &target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const long long value = parser.value(option).toLongLong(&ok);
        if (!ok || value < min || value > max)
            return false;
        target = static_cast<std::remove_reference_t<decltype(target)>>(value);
        return true;
    };
    if (!wholeNumber(warehousesOption, 1, 10000, options.warehouses))
        return usageError(QStringLiteral("invalid --warehouses ") + parser.value(warehousesOption) + QStringLiteral(": use 1-10000"));
    if (!wholeNumber(threadsOption, 1, 256, options.threads))
        return usageError(QStringLiteral("invalid --threads ") + parser.value(threadsOption) + QStringLiteral(": use 1-256"));
    if (!wholeNumber(transactionsOption, 1, (1LL << 62), options.transactions))
        return usageError(QStringLiteral("invalid --transactions ") + parser.value(transactionsOption));
    if (parser.isSet(seedOption)) {
        bool ok = false;
        options.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            return usageError(QStringLiteral("invalid --seed ") + parser.value(seedOption) + QStringLiteral(": use a whole number"));
    }
    for (const auto &[option, target] : {std::pair{&secondsOption, &options.seconds}, std::pair{&rateOption, &options.rate}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        *target = parser.value(*option).toDouble(&ok);
        if (!ok || *target <= 0)
            return usageError(QStringLiteral("invalid --") + option->names().first() + u' ' + parser.value(*option)
                              + QStringLiteral(": use a positive number"));
    }
    if (parser.isSet(secondsOption) && parser.isSet(transactionsOption))
        return usageError(QStringLiteral("give --seconds or --transactions, not both"));
    if ((parser.isSet(prepareOnlyOption) || parser.isSet(prepareOption)) && parser.isSet(noPrepareOption))
        return usageError(QStringLiteral("--prepare and --prepare-only contradict --no-prepare"));
    if (!parser.isSet(secondsOption) && !parser.isSet(transactionsOption))
        options.seconds = 60;
    if (parser.isSet(profileOption))
        options.profile = parser.value(profileOption).toStdString();

    std::optional<Workload> workload;
    try {
        workload.emplace(MySqlConnectionConfig::fromJson(connection), options);
    } catch (const ConfigError &e) {
        return usageError(QString::fromStdString(e.what()));
    }
    workload->setProgressHandler([&err](const std::string &message) {
        err << QString::fromStdString(message) << "\n";
        err.flush();
    });

    // Ctrl-C during prepare() ends the process (the server rolls the load back); during run()
    // it stops the transactions and prints the summary.
    g_stop = false;
    using Handler = void (*)(int);
    Handler previousInt = SIG_DFL, previousTerm = SIG_DFL;
    bool handlersSet = false;
    int status = 0;
    try {
        if (!parser.isSet(noPrepareOption)) {
            const WorkloadStats loaded = workload->prepare();
            if (loaded.inserted() > 0) {
                out << "prepared " << QString::fromStdString(connection["database"].get<std::string>()) << ": "
                    << loaded.inserted() << " rows (";
                bool first = true;
                for (const auto &[table, changes] : loaded.tables) {
                    out << (first ? "" : ", ") << QString::fromStdString(table) << ' ' << changes.inserted;
                    first = false;
                }
                out << ")\n";
                out.flush();
            }
        }
        if (!parser.isSet(prepareOnlyOption)) {
            previousInt = std::signal(SIGINT, onWorkloadSignal);
            previousTerm = std::signal(SIGTERM, onWorkloadSignal);
            handlersSet = true;
            const WorkloadStats stats = workload->run(&g_stop);
            if (g_stop.load())
                err << "stopped by a signal\n";
            out << QString::fromStdString(stats.summary());
        }
    } catch (const Error &e) {
        out.flush();
        err << "flowdeck workload: " << QString::fromStdString(e.what()) << "\n";
        status = 1;
    }
    if (handlersSet) {
        std::signal(SIGINT, previousInt);
        std::signal(SIGTERM, previousTerm);
    }
    return status;
}

} // namespace flowdeck::cli
