#pragma once

#include "core/model/record.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace flowdeck {

/// A source field or a destination column as the wizard shows it. `type` is text ("text", "int",
/// "decimal(10,2)"); `required` (columns only): NOT NULL, no default, not auto_increment.
struct EndpointField
{
    QString name;
    QString type;
    bool required = false;
    /// Destination columns of a MySQL table: core's description (MySqlTableSchema).
    bool described = false;
    bool nullable = true;
    bool hasDefault = false;
    QString defaultSql; // as MySqlColumn::defaultSql
    bool defaultIsExpression = false;
    bool autoIncrement = false;
    bool generated = false;
};

/// One table of a database, with the server's row estimate (-1 when unknown).
struct TableEstimate
{
    QString name;
    qint64 rows = -1;
};

/// One topic of a Kafka cluster.
struct TopicInfo
{
    QString name;
    int partitions = 0;
};

/// The answer of a connection test or a look-up. `ok` false: `message` is the server's (or the
/// system's) own answer, e.g. "Access denied for user 'root'@'127.0.0.1' (using password: YES)".
struct ProbeResult
{
    bool ok = false;
    QString message;
    QString serverVersion;
    QStringList databases;
    QList<TableEstimate> tables;
    QList<TopicInfo> topics;
    QList<EndpointField> fields;
    Batch sample;
    /// Records among the sampled ones that could not be read (a CSV line with the wrong field
    /// count): not in `sample`, the first named with its position in `message`.
    int unreadable = 0;
};

/// Blocking look-ups the wizard runs on a worker thread (QtConcurrent): they touch no widget.
namespace probe {

/// Rows read for previews and samples.
inline constexpr int kSampleRows = 20;

/// Connects to a MySQL-protocol server with `connection` (a flow file's connection object, already
/// expanded) and lists its databases and, when `database` is not empty, that database's tables.
ProbeResult mysqlServer(const nlohmann::json &connection, const QString &database);

/// The columns of `database`.`table` (from information_schema) and its first rows.
ProbeResult mysqlTable(const nlohmann::json &connection, const QString &database, const QString &table);

/// Runs one statement (the wizard's CREATE TABLE) on the server of `connection`; `ok` false with
/// the server's message when it fails.
ProbeResult mysqlExecute(const nlohmann::json &connection, const QString &sql);

/// Connects to a Kafka cluster ("embedded" or a bootstrap list) and lists its topics.
ProbeResult kafkaCluster(const QString &brokers, const nlohmann::json &properties);

/// The first rows and the fields of a file endpoint (`{"type":"file","path",...}`); relative
/// paths resolve against `baseDir`.
ProbeResult file(const nlohmann::json &endpoint, const QString &baseDir);

} // namespace probe
} // namespace flowdeck
