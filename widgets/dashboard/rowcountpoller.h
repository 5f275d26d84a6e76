#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <memory>
#include <vector>

namespace flowdeck {

class MySqlConnection;

/// Rows of one destination table as the server counts them.
struct RowCount
{
    QString table;      // "db.table"
    qint64 rows = -1;   // -1: could not be counted (error says why)
    bool estimate = false;
    QString error;
};

/// Counts the rows of MySQL destination tables off the UI thread (QtConcurrent + QFutureWatcher),
/// what users check with `SELECT COUNT(*)`: an exact COUNT(*) for tables information_schema
/// estimates below estimateAbove() rows, the estimate (labelled as such) for bigger ones. A poll
/// asked for while one is under way is skipped, so a slow server never piles up queries.
class RowCountPoller : public QObject
{
    Q_OBJECT
public:
    /// `connection`: the flow destination's `connection` object (environment already expanded).
    explicit RowCountPoller(nlohmann::json connection, QObject *parent = nullptr);
    ~RowCountPoller() override;

    /// Starts counting `tables` ("db.table" or "table" in the connection's database); returns
    /// false when a poll is still running.
    bool poll(const QStringList &tables);
    bool isPolling() const { return m_watcher.isRunning(); }

    static constexpr qint64 estimateAbove() { return 2'000'000; }

Q_SIGNALS:
    void counted(const std::vector<flowdeck::RowCount> &counts);

private:
    nlohmann::json m_connection;
    std::shared_ptr<MySqlConnection> m_db; // used by one poll at a time, on the pool's thread
    QFutureWatcher<std::vector<RowCount>> m_watcher;
};

} // namespace flowdeck
