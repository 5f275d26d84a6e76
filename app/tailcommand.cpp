#include "tailcommand.h"

#include "core/model/errors.h"
#include "core/kafka/topicreader.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QTextStream>

#include <cstdio>

namespace flowdeck::cli {

int tailCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints the messages of a Kafka topic, one JSON object per line: "
                                                    "topic, partition, offset, timestamp, key, headers, value."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("TOPIC"), QStringLiteral("the topic to read"));
    const QCommandLineOption brokers(QStringLiteral("brokers"), QStringLiteral("bootstrap servers, host:port[,host:port...]"),
                                     QStringLiteral("B"));
    const QCommandLineOption count(QStringList{QStringLiteral("n"), QStringLiteral("count")},
                                   QStringLiteral("stop after N messages"), QStringLiteral("N"));
    const QCommandLineOption fromBeginning(QStringLiteral("from-beginning"), QStringLiteral("read the messages already in the topic first"));
    const QCommandLineOption offset(QStringLiteral("offset"), QStringLiteral("start at offset N in every partition"), QStringLiteral("N"));
    const QCommandLineOption since(QStringLiteral("since"), QStringLiteral("start at the first message at or after TIME (ISO 8601)"),
                                   QStringLiteral("TIME"));
    const QCommandLineOption exitAtEnd(QStringList{QStringLiteral("e"), QStringLiteral("exit-at-end")},
                                       QStringLiteral("stop once every partition is read to its end"));
    const QCommandLineOption property(QStringList{QStringLiteral("X"), QStringLiteral("property")},
                                      QStringLiteral("a librdkafka setting (TLS, SASL...)"), QStringLiteral("NAME=VALUE"));
    parser.addOptions({brokers, count, fromBeginning, offset, since, exitAtEnd, property});
    QTextStream err(stderr);
    const char *usage = "Usage: flowdeck tail TOPIC --brokers B [-n N] [--from-beginning | --offset N | --since TIME] [--exit-at-end]\n";
    if (!parser.parse(QStringList{QStringLiteral("flowdeck tail")} + args)) {
        err << parser.errorText() << '\n' << usage;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), QStringLiteral("Usage: flowdeck tail [options] TOPIC"));
        QTextStream(stdout) << help;
        return 0;
    }
    if (parser.positionalArguments().size() != 1 || !parser.isSet(brokers)) {
        err << (parser.isSet(brokers) ? "tail: one TOPIC is needed\n" : "tail: --brokers is required\n") << usage;
        return 2;
    }
    TopicReaderOptions options;
    options.topic = parser.positionalArguments().first().toStdString();
    options.bootstrap = parser.value(brokers).toStdString();
    if (options.bootstrap == "embedded") {
        err << "tail: the embedded broker lives inside another Flowdeck process; pass its address "
               "(flowdeck broker --bootstrap-file F writes it)\n";
        return 2;
    }
    if (int(parser.isSet(fromBeginning)) + int(parser.isSet(offset)) + int(parser.isSet(since)) > 1) {
        err << "tail: --from-beginning, --offset and --since exclude each other\n" << usage;
        return 2;
    }
    bool ok = true;
    long long limit = 0;
    if (parser.isSet(count)) {
        limit = parser.value(count).toLongLong(&ok);
        if (!ok || limit <= 0) {
            err << "tail: -n needs a positive number, got '" << parser.value(count) << "'\n";
            return 2;
        }
    }
    if (parser.isSet(fromBeginning))
        options.start = TopicStart::Beginning;
    if (parser.isSet(offset)) {
        options.start = TopicStart::Offset;
        options.offset = parser.value(offset).toLongLong(&ok);
        if (!ok || options.offset < 0) {
            err << "tail: --offset needs a number >= 0, got '" << parser.value(offset) << "'\n";
            return 2;
        }
    }
    if (parser.isSet(since)) {
        const QDateTime t = QDateTime::fromString(parser.value(since), Qt::ISODateWithMs);
        if (!t.isValid()) {
            err << "tail: --since needs an ISO 8601 time such as 2026-11-21T09:30:00Z, got '" << parser.value(since) << "'\n";
            return 2;
        }
        options.start = TopicStart::Time;
        options.timeMs = t.toMSecsSinceEpoch();
    }
    for (const QString &p : parser.values(property)) {
        const qsizetype eq = p.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            err << "tail: -X needs NAME=VALUE, got '" << p << "'\n";
            return 2;
        }
        options.properties.emplace_back(p.left(eq).toStdString(), p.mid(eq + 1).toStdString());
    }

    try {
        TopicReader reader(options);
        reader.open();
        std::vector<TopicMessage> batch;
        long long printed = 0;
        for (;;) {
            batch.clear();
            const std::size_t room = limit > 0 ? std::size_t(limit - printed) : std::size_t(500);
            reader.poll(batch, std::min<std::size_t>(room, 500), 200);
            for (const TopicMessage &m : batch) {
                const std::string line = m.toJsonLine() + '\n';
                std::fwrite(line.data(), 1, line.size(), stdout);
            }
            std::fflush(stdout);
            printed += (long long)batch.size();
            if (limit > 0 && printed >= limit)
                return 0;
            if (parser.isSet(exitAtEnd) && batch.empty() && reader.atEnd())
                return 0;
        }
    } catch (const Error &e) {
        err << "tail: " << e.what() << '\n';
        return 1;
    }
}

} // namespace flowdeck::cli
