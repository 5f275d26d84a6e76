#include "testsupport.h"

#include "core/model/errors.h"

#include <QFile>
#include <QStringList>
#include <QTest>
#include <QProcessEnvironment>

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include <fstream>
#include <memory>

namespace flowdeck::test {

std::string dataPath(const std::string &relative)
{
    return std::string(FLOWDECK_TEST_DATA_DIR) + '/' + relative;
}

std::string sourcePath(const std::string &relative)
{
    return std::string(FLOWDECK_SOURCE_DIR) + '/' + relative;
}

nlohmann::json sandboxConnection(const std::string &database)
{
    const QByteArray dir = qgetenv("FLOWDECK_TEST_SANDBOX_DIR");
    if (dir.isEmpty())
        throw Error("FLOWDECK_TEST_SANDBOX_DIR is not set: run integration tests through ctest");
    std::ifstream in(dir.toStdString() + "/sandbox.json");
    if (!in)
        throw Error("no sandbox.json in " + dir.toStdString() + ": the sandbox_start fixture did not run");
    nlohmann::json info = nlohmann::json::parse(in);
    return nlohmann::json{{"host", info.value("host", "127.0.0.1")},
                          {"port", info.at("port")},
                          {"user", info.value("user", "root")},
                          {"password", info.value("password", "")},
                          {"database", database}};
}

static std::unique_ptr<sql::Connection> connect(const std::string &database)
{
    const nlohmann::json c = sandboxConnection(database);
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(c["host"].get<std::string>());
    options["port"] = c["port"].is_string() ? std::stoi(c["port"].get<std::string>()) : c["port"].get<int>();
    options["userName"] = sql::SQLString(c["user"].get<std::string>());
    options["password"] = sql::SQLString(c["password"].get<std::string>());
    options["CLIENT_MULTI_STATEMENTS"] = true;
    std::unique_ptr<sql::Connection> conn(get_driver_instance()->connect(options));
    if (!database.empty()) {
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        st->execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        conn->setSchema(database);
    }
    return conn;
}

void execSql(const std::string &sqlText, const std::string &database)
{
    try {
        auto conn = connect(database);
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        st->execute(sqlText);
        // Every statement of a multi-statement string must have finished before returning:
        // getMoreResults() is false at an update count, so also wait for the counts to run out.
        while (st->getMoreResults() || st->getUpdateCount() != -1) {
        }
    } catch (const sql::SQLException &e) {
        throw Error("SQL failed: " + std::string(e.what()) + " in: " + sqlText);
    }
}

std::vector<std::string> querySql(const std::string &sqlText, const std::string &database)
{
    try {
        auto conn = connect(database);
        std::unique_ptr<sql::Statement> st(conn->createStatement());
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery(sqlText));
        const unsigned cols = rs->getMetaData()->getColumnCount();
        std::vector<std::string> rows;
        while (rs->next()) {
            std::string row;
            for (unsigned i = 1; i <= cols; ++i) {
                if (i > 1)
                    row += '\t';
                row += rs->isNull(i) ? std::string("NULL") : std::string(rs->getString(i));
            }
            rows.push_back(row);
        }
        return rows;
    } catch (const sql::SQLException &e) {
        throw Error("SQL failed: " + std::string(e.what()) + " in: " + sqlText);
    }
}

std::string freshDatabase(const std::string &name)
{
    execSql("DROP DATABASE IF EXISTS `" + name + "`; CREATE DATABASE `" + name
                + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            std::string());
    return name;
}

SchemaPtr schemaOf(std::vector<std::string> names)
{
    return std::make_shared<const Schema>(std::move(names));
}

Record row(const SchemaPtr &schema, std::vector<Value> values, RowOp op)
{
    Record r;
    r.schema = schema;
    r.values = std::move(values);
    r.op = op;
    return r;
}

QString reasons(const std::vector<RejectedRecord> &rejected)
{
    QStringList out;
    for (const auto &r : rejected)
        out << QStringLiteral("%1: %2").arg(r.index).arg(QString::fromStdString(r.reason));
    return out.join(QLatin1Char('\n'));
}

void addBulkColumn()
{
    QTest::addColumn<bool>("bulk");
    QTest::newRow("bulk") << true;
    QTest::newRow("text") << false;
}

nlohmann::json mysqlDestination(const std::string &database, const std::string &table, const std::string &mode,
                                nlohmann::json write)
{
    write["mode"] = mode;
    return {{"type", "mysql"}, {"connection", sandboxConnection(database)}, {"table", table}, {"write", write}};
}

QString flowdeckBinary()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("FLOWDECK_BIN"));
}

} // namespace flowdeck::test
