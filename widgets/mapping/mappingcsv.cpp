#include "mappingcsv.h"

#include <QCoreApplication>
#include <QMap>
#include <QPair>

namespace flowdeck {

bool MappingCsv::splitLine(const QString &line, QStringList &fields, QString &error)
{
    fields.clear();
    QString field;
    qsizetype i = 0;
    const qsizetype n = line.size();
    while (true) {
        field.clear();
        // Spaces before an opening quote are tolerated: "a", "b"
        qsizetype j = i;
        while (j < n && line[j] == QLatin1Char(' '))
            ++j;
        if (j < n && line[j] == QLatin1Char('"')) {
            const qsizetype open = j;
            i = j + 1;
            bool closed = false;
            while (i < n) {
                if (line[i] == QLatin1Char('"')) {
                    if (i + 1 < n && line[i + 1] == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                field += line[i++];
            }
            if (!closed) {
                error = tr("unbalanced quote at column %1").arg(open + 1);
                return false;
            }
            while (i < n && line[i] == QLatin1Char(' '))
                ++i;
            if (i < n && line[i] != QLatin1Char(',')) {
                error = tr("unexpected text after a closing quote at column %1").arg(i + 1);
                return false;
            }
            fields << field;
        } else {
            while (i < n && line[i] != QLatin1Char(','))
                field += line[i++];
            fields << field.trimmed();
        }
        if (i >= n)
            return true;
        ++i; // the comma
    }
}

QString MappingCsv::joinLine(const QStringList &fields)
{
    QStringList out;
    for (const QString &f : fields) {
        if (f.contains(QLatin1Char(',')) || f.contains(QLatin1Char('"')) || f != f.trimmed())
            out << QLatin1Char('"') + QString(f).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + QLatin1Char('"');
        else
            out << f;
    }
    return out.join(QStringLiteral(", "));
}

MappingCsv::Result MappingCsv::parse(const QString &textIn, const QStringList &sources, const QStringList &destinations)
{
    Result result;
    QList<QPair<int, QString>> problems; // line, reason
    QMap<QString, int> lineOfDestination;
    QString text = textIn;
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool first = true;
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        const QString &line = lines.at(i);
        if (line.trimmed().isEmpty())
            continue;
        QStringList fields;
        QString error;
        const bool wasFirst = first;
        first = false;
        if (!splitLine(line, fields, error)) {
            problems.append({lineNo, error});
            continue;
        }
        if (wasFirst && fields.size() == 2 && fields[0].compare(QLatin1String("source"), Qt::CaseInsensitive) == 0
            && fields[1].compare(QLatin1String("destination"), Qt::CaseInsensitive) == 0)
            continue; // the header
        if (fields.size() != 2) {
            problems.append({lineNo, tr("expected 2 fields (source,destination), found %1").arg(fields.size())});
            continue;
        }
        const QString &source = fields[0];
        const QString &destination = fields[1];
        if (source.isEmpty() || destination.isEmpty()) {
            problems.append({lineNo, source.isEmpty() ? tr("the source field is empty") : tr("the destination is empty")});
        } else if (!sources.isEmpty() && !sources.contains(source)) {
            problems.append({lineNo, tr("the source has no field '%1'").arg(source)});
        } else if (!destinations.isEmpty() && !destinations.contains(destination)) {
            problems.append({lineNo, tr("the destination has no column '%1'").arg(destination)});
        } else if (lineOfDestination.contains(destination)) {
            problems.append({lineNo, tr("the column '%1' is already mapped on line %2").arg(destination).arg(lineOfDestination.value(destination))});
        } else {
            lineOfDestination.insert(destination, lineNo);
            result.pairs << Pair{lineNo, source, destination};
        }
    }
    for (const auto &[lineNo, reason] : std::as_const(problems))
        result.problems << tr("line %1: %2").arg(lineNo).arg(reason);
    return result;
}

} // namespace flowdeck
