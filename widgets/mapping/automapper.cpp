#include "automapper.h"

#include <QCoreApplication>
#include <QMap>
#include <QSet>

namespace flowdeck {

QString AutoMapper::normalized(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (QChar c : name)
        if (!c.isSpace() && c != QLatin1Char('_'))
            out += c.toLower();
    return out;
}

QStringList AutoMapper::words(const QString &name)
{
    QStringList out;
    QString word;
    for (QChar c : name) {
        if (c.isLetterOrNumber()) {
            word += c.toLower();
        } else if (!word.isEmpty()) {
            out << word;
            word.clear();
        }
    }
    if (!word.isEmpty())
        out << word;
    return out;
}

static bool isRunOf(const QStringList &part, const QStringList &whole)
{
    if (part.isEmpty() || part.size() >= whole.size())
        return false;
    for (qsizetype start = 0; start + part.size() <= whole.size(); ++start)
        if (whole.mid(start, part.size()) == part)
            return true;
    return false;
}

static QString quotedList(const QStringList &names)
{
    QStringList q;
    for (const QString &n : names)
        q << QStringLiteral("'%1'").arg(n);
    return q.join(QStringLiteral(", "));
}

namespace {

// One matching tier: proposes pairs among the free names, drops conflicts both ways.
struct Tier
{
    QStringList *sources;
    QStringList *destinations;
    AutoMapper::Result *result;

    template<typename Match>
    void run(Match matches)
    {
        QMap<QString, QStringList> byDestination; // destination -> matching sources
        QMap<QString, QStringList> bySource;
        for (const QString &d : *destinations)
            for (const QString &s : *sources)
                if (matches(s, d)) {
                    byDestination[d] << s;
                    bySource[s] << d;
                }
        QSet<QString> takenSources, takenDestinations;
        for (const QString &d : std::as_const(*destinations)) {
            const QStringList candidates = byDestination.value(d);
            if (candidates.isEmpty())
                continue;
            if (candidates.size() > 1) {
                result->ambiguities << QCoreApplication::translate("flowdeck::MappingEditor",
                                                                   "'%1' matches the source fields %2: map it with Map fields.")
                                           .arg(d, quotedList(candidates));
                takenDestinations << d; // not for a looser tier either
                continue;
            }
            const QString s = candidates.first();
            const QStringList rivals = bySource.value(s);
            if (rivals.size() > 1) {
                if (rivals.first() == d)
                    result->ambiguities << QCoreApplication::translate("flowdeck::MappingEditor",
                                                                       "'%1' matches the columns %2: map it with Map fields.")
                                               .arg(s, quotedList(rivals));
                continue;
            }
            result->pairs << qMakePair(s, d);
            takenSources << s;
            takenDestinations << d;
        }
        for (const QStringList &rivals : std::as_const(bySource))
            if (rivals.size() > 1)
                for (const QString &d : rivals)
                    takenDestinations << d;
        sources->removeIf([&](const QString &s) { return takenSources.contains(s) || bySource.value(s).size() > 1; });
        destinations->removeIf([&](const QString &d) { return takenDestinations.contains(d); });
    }
};

} // namespace

AutoMapper::Result AutoMapper::map(const QStringList &sourcesIn, const QStringList &destinationsIn)
{
    Result result;
    QStringList sources = sourcesIn;
    QStringList destinations = destinationsIn;
    Tier tier{&sources, &destinations, &result};
    tier.run([](const QString &s, const QString &d) { return normalized(s) == normalized(d); });
    tier.run([](const QString &s, const QString &d) { return isRunOf(words(d), words(s)); });
    // In destination order, as the columns are listed.
    std::sort(result.pairs.begin(), result.pairs.end(), [&](const auto &a, const auto &b) {
        return destinationsIn.indexOf(a.second) < destinationsIn.indexOf(b.second);
    });
    return result;
}

} // namespace flowdeck
