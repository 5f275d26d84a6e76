#include "rowcountpoller.h"

#include "core/mysql/mysqlconnection.h"

#include <QtConcurrent/QtConcurrentRun>

namespace flowdeck {

namespace {

std::vector<RowCount> countRows(const std::shared_ptr<MySqlConnection> &db, const QStringList &tables)
{
    std::vector<RowCount> out;
    for (const QString &name : tables) {
        RowCount c;
        c.table = name;
        try {
            if (!db->isConnected())
                db->connect();
            const qsizetype dot = name.indexOf(QLatin1Char('.'));
            const std::string schema = dot < 0 ? db->config().database : name.left(dot).toStdString();
            const std::string table = (dot < 0 ? name : name.mid(dot + 1)).toStdString();
            const auto estimate = db->query("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + db->quote(schema)
                                            + " AND TABLE_NAME = " + db->quote(table));
            if (estimate.empty()) {
                c.error = QObject::tr("no such table");
            } else if (estimate[0][0] && std::stoll(*estimate[0][0]) > RowCountPoller::estimateAbove()) {
                c.rows = std::stoll(*estimate[0][0]);
                c.estimate = true;
            } else {
                auto quoteId = [](const std::string &id) {
                    std::string q = "`";
                    for (char ch : id)
                        q += ch == '`' ? std::string("``") : std::string(1, ch);
                    return q + "`";
                };
                const auto rows = db->query("SELECT COUNT(*) FROM " + quoteId(schema) + "." + quoteId(table));
                c.rows = rows.empty() || !rows[0][0] ? 0 : std::stoll(*rows[0][0]);
            }
        } catch (const std::exception &e) {
            c.error = QString::fromUtf8(e.what());
            db->disconnect(); // reconnect on the next poll
        }
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

RowCountPoller::RowCountPoller(nlohmann::json connection, QObject *parent)
    : QObject(parent)
    , m_connection(std::move(connection))
{
    connect(&m_watcher, &QFutureWatcher<std::vector<RowCount>>::finished, this, [this] {
        Q_EMIT counted(m_watcher.result());
    });
}

RowCountPoller::~RowCountPoller()
{
    m_watcher.waitForFinished();
}

bool RowCountPoller::poll(const QStringList &tables)
{
    if (m_watcher.isRunning() || tables.isEmpty())
        return false;
    if (!m_db) {
        try {
            m_db = std::make_shared<MySqlConnection>(MySqlConnectionConfig::fromJson(m_connection));
        } catch (const std::exception &e) {
            std::vector<RowCount> failed;
            for (const QString &t : tables)
                failed.push_back({t, -1, false, QString::fromUtf8(e.what())});
            Q_EMIT counted(failed);
            return false;
        }
    }
    m_watcher.setFuture(QtConcurrent::run(countRows, m_db, tables));
    return true;
}

} // namespace flowdeck
