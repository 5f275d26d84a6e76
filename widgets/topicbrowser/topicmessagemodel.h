#pragma once

#include "core/kafka/topicreader.h"

#include <QAbstractTableModel>

#include <deque>

namespace flowdeck {

/// Messages read from a topic, oldest first, for the topic browser. Messages come in batches
/// (one insert per batch); beyond maxRows() the oldest are dropped (one remove), so memory stays
/// bounded however long the browser tails. Qt::UserRole of any column is the whole message as
/// searchable text (key, headers, value).
class TopicMessageModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Partition, Offset, Timestamp, Key, Headers, Value, ColumnCount };

    explicit TopicMessageModel(QObject *parent = nullptr);

    void append(std::vector<TopicMessage> batch);
    void clear();
    void setMaxRows(int rows) { m_maxRows = rows; }
    int maxRows() const { return m_maxRows; }
    /// Messages received since clear(), including those dropped from the front.
    qint64 received() const { return m_received; }
    const TopicMessage &message(int row) const { return m_messages[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::deque<TopicMessage> m_messages;
    int m_maxRows = 50000;
    qint64 m_received = 0;
};

} // namespace flowdeck
