#include "topicmessagemodel.h"

#include <QDateTime>
#include <QLocale>

namespace flowdeck {

namespace {

QString text(const std::optional<std::string> &s)
{
    return s ? QString::fromUtf8(s->data(), qsizetype(s->size())) : QString();
}

QString headersText(const TopicMessage &m)
{
    QStringList parts;
    for (const auto &[name, value] : m.headers)
        parts << QString::fromStdString(name) + QLatin1Char('=') + text(value);
    return parts.join(QStringLiteral(", "));
}

} // namespace

TopicMessageModel::TopicMessageModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void TopicMessageModel::append(std::vector<TopicMessage> batch)
{
    if (batch.empty())
        return;
    m_received += qint64(batch.size());
    if (batch.size() > std::size_t(m_maxRows))
        batch.erase(batch.begin(), batch.end() - m_maxRows);
    const int drop = std::max(0, int(m_messages.size() + batch.size()) - m_maxRows);
    if (drop > 0) {
        beginRemoveRows({}, 0, drop - 1);
        m_messages.erase(m_messages.begin(), m_messages.begin() + drop);
        endRemoveRows();
    }
    const int first = int(m_messages.size());
    beginInsertRows({}, first, first + int(batch.size()) - 1);
    for (TopicMessage &m : batch)
        m_messages.push_back(std::move(m));
    endInsertRows();
}

void TopicMessageModel::clear()
{
    beginResetModel();
    m_messages.clear();
    m_received = 0;
    endResetModel();
}

int TopicMessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int TopicMessageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopicMessageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_messages.size()))
        return {};
    const TopicMessage &m = m_messages[std::size_t(index.row())];
    if (role == Qt::UserRole)
        return QString(text(m.key) + QLatin1Char('\n') + headersText(m) + QLatin1Char('\n') + text(m.value));
    if (role == Qt::TextAlignmentRole && (index.column() == Partition || index.column() == Offset))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Partition: return m.partition;
    case Offset: return qlonglong(m.offset);
    case Timestamp:
        return m.timestampMs < 0 ? QString()
                                 : QDateTime::fromMSecsSinceEpoch(m.timestampMs).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case Key: return m.key ? text(m.key) : tr("(none)");
    case Headers: return headersText(m);
    case Value: {
        if (!m.value)
            return tr("(tombstone)");
        QString v = text(m.value);
        if (role == Qt::DisplayRole && v.size() > 300)
            v = v.left(300) + QStringLiteral("…");
        return v.replace(QLatin1Char('\n'), QLatin1Char(' '));
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant TopicMessageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Partition: return tr("Partition");
    case Offset: return tr("Offset");
    case Timestamp: return tr("Timestamp");
    case Key: return tr("Key");
    case Headers: return tr("Headers");
    case Value: return tr("Value");
    case ColumnCount: break;
    }
    return {};
}

} // namespace flowdeck
