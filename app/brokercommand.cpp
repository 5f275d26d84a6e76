#include "brokercommand.h"

#include "core/model/atomicfile.h"
#include "core/kafka/embeddedbroker.h"
#include "core/model/errors.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <csignal>
#include <utility>
#include <vector>

#include <pthread.h>

namespace flowdeck::cli {

static const char *const brokerUsageText =
    "Usage: flowdeck broker [options]\n"
    "\n"
    "Runs an embedded Kafka broker (librdkafka's mock cluster) until Ctrl+C or SIGTERM.\n"
    "Other programs connect with the printed bootstrap list, e.g.\n"
    "  kcat -b \"$(cat bootstrap.txt)\" -t TOPIC -C -o beginning\n"
    "For trying flows only: messages live in memory and each partition keeps only about\n"
    "100,000 messages or 5 MiB, silently dropping older ones. See docs/embedded-broker.md.\n";

int brokerCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(brokerUsageText));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption brokersOption(QStringLiteral("brokers"), QStringLiteral("Number of brokers, 1-16 (default 1)."),
                                           QStringLiteral("N"));
    const QCommandLineOption fileOption(QStringLiteral("bootstrap-file"),
                                        QStringLiteral("Write the bootstrap list to FILE (removed at exit)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption topicOption(QStringLiteral("topic"),
                                         QStringLiteral("Create topic NAME with PARTITIONS partitions (repeatable)."),
                                         QStringLiteral("NAME:PARTITIONS"));
    parser.addOptions({helpOption, brokersOption, fileOption, topicOption});

    auto usageError = [&](const QString &message) {
        err << "flowdeck broker: " << message << "\nRun 'flowdeck broker --help' for usage.\n";
        return 2;
    };
    if (!parser.parse(QStringList{QStringLiteral("flowdeck broker")} + args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        const QString help = parser.helpText();
        out << help.mid(help.indexOf(u'\n') + 1);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument ") + parser.positionalArguments().first());
    int brokers = 1;
    if (parser.isSet(brokersOption)) {
        bool ok = false;
        brokers = parser.value(brokersOption).toInt(&ok);
        if (!ok || brokers < 1 || brokers > 16)
            return usageError(QStringLiteral("invalid --brokers ") + parser.value(brokersOption) + QStringLiteral(": use 1-16"));
    }
    std::vector<std::pair<std::string, int>> topics;
    for (const QString &spec : parser.values(topicOption)) {
        const qsizetype colon = spec.lastIndexOf(u':');
        bool ok = false;
        const int partitions = colon > 0 ? spec.mid(colon + 1).toInt(&ok) : 0;
        if (!ok || partitions < 1)
            return usageError(QStringLiteral("invalid --topic ") + spec + QStringLiteral(": use NAME:PARTITIONS"));
        topics.emplace_back(spec.left(colon).toStdString(), partitions);
    }

    // Block the stop signals before librdkafka starts its threads (they inherit the mask), then
    // wait for one here: no async-signal handler needed.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &stopSignals, &previous);

    const QString bootstrapFile = parser.value(fileOption);
    int signal = 0;
    try {
        EmbeddedBroker broker(brokers);
        for (const auto &[name, partitions] : topics) {
            const int replicas = brokers < 3 ? brokers : 3;
            if (broker.createTopic(name, partitions, replicas))
                err << "created topic " << QString::fromStdString(name) << " (" << partitions << " partitions)\n";
        }
        const std::string bootstraps = broker.bootstraps();
        if (!bootstrapFile.isEmpty())
            writeFileAtomically(bootstrapFile.toStdString(), bootstraps + "\n");
        out << "bootstrap: " << QString::fromStdString(bootstraps) << "\n";
        out.flush();
        err << "Embedded Kafka broker running; Ctrl+C stops it. Each partition keeps only ~100,000 messages / 5 MiB.\n";
        err.flush();
        sigwait(&stopSignals, &signal);
        err << "stopping (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
    } catch (const Error &e) {
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        err << "flowdeck broker: " << QString::fromStdString(e.what()) << "\n";
        return 1;
    }
    if (!bootstrapFile.isEmpty())
        QFile::remove(bootstrapFile);
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return 0;
}

} // namespace flowdeck::cli
