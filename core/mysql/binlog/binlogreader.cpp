#include "core/mysql/binlog/binlogreader.h"

#include "core/mysql/binlog/binlogdefinition.h"
#include "core/mysql/binlog/binlogrowdecoder.h"
#include "core/mysql/binlog/ddlparser.h"
#include "core/mysql/binlog/schemacapture.h"
#include "core/mysql/binlog/schemahistory.h"
#include "core/mysql/mysqlcolumntypes.h"
#include "core/mysql/tabledescription.h"

#include <mariadb/mysql.h>
#include <mariadb/mariadb_rpl.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <random>
#include <regex>

namespace flowdeck {

namespace {

constexpr std::size_t kHeaderSize = 19;
constexpr std::uint8_t kMariaGtidEvent = 162;
constexpr std::uint8_t kFirstCompressedEvent = 165; // QUERY_COMPRESSED .. DELETE_ROWS_COMPRESSED_V1
constexpr std::uint8_t kLastCompressedEvent = 171;

std::uint64_t le(const std::uint8_t *p, std::size_t n)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i)
        v |= std::uint64_t(p[i]) << (8 * i);
    return v;
}

bool startsWithWord(const std::string &sql, const char *word)
{
    std::size_t i = 0;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i])))
        ++i;
    const std::size_t n = std::strlen(word);
    if (sql.size() - i < n)
        return false;
    for (std::size_t k = 0; k < n; ++k)
        if (std::toupper(static_cast<unsigned char>(sql[i + k])) != word[k])
            return false;
    return sql.size() - i == n || !std::isalnum(static_cast<unsigned char>(sql[i + n]));
}

std::string unquoteIdentifier(std::string name)
{
    if (name.size() >= 2 && name.front() == '`' && name.back() == '`')
        return name.substr(1, name.size() - 2);
    return name;
}

} // namespace

void BinlogHandleCloser::operator()(st_mariadb_rpl *rpl) const
{
    mariadb_rpl_close(rpl);
}

void BinlogHandleCloser::operator()(st_mariadb_rpl_event *event) const
{
    mariadb_free_rpl_event(event);
}

BinlogReader::BinlogReader(MySqlConnectionConfig config, std::uint32_t serverId)
    : m_config(std::move(config))
    , m_serverId(serverId)
{
    if (m_serverId == 0) {
        std::random_device random;
        m_serverId = 0x40000000u + random() % 0x3fffffffu;
    }
}

BinlogReader::~BinlogReader()
{
    close();
}

void BinlogReader::close()
{
    m_event.reset();
    m_rpl.reset();
    m_session.reset();
    m_metadata.reset();
    m_pending.clear();
    m_tables.clear();
}

MySqlConnection &BinlogReader::metadata()
{
    if (!m_metadata || !m_metadata->isConnected()) {
        m_metadata = std::make_unique<MySqlConnection>(m_config);
        m_metadata->connect();
    }
    return *m_metadata;
}

std::string BinlogReader::checkServer(MySqlConnection &meta, const std::string &endpoint)
{
    const auto rows = meta.query("SELECT @@global.log_bin, @@global.binlog_checksum, @@global.binlog_format, @@global.binlog_row_image");
    if (rows.empty() || rows[0][0].value_or("0") != "1")
        throw Error("the server " + endpoint + " has no binary log (log_bin is OFF): it cannot be read as a change source");
    const std::string format = rows[0][2].value_or("");
    if (format != "ROW")
        throw Error("the server " + endpoint + " has binlog_format=" + format + ": CDC needs ROW (statements and MIXED "
                    "logging do not carry the changed rows). Set binlog_format=ROW in the server's configuration (and SET "
                    "GLOBAL binlog_format='ROW' for new sessions now), then start the flow again");
    const std::string image = rows[0][3].value_or("");
    if (image != "FULL")
        throw Error("the server " + endpoint + " has binlog_row_image=" + image + ": CDC needs FULL (" + image
                    + " leaves columns out of the row images, which the destination would take for NULLs). Set "
                    "binlog_row_image=FULL in the server's configuration (and SET GLOBAL binlog_row_image='FULL' now), "
                    "then start the flow again");
    return rows[0][1].value_or("NONE");
}

void BinlogReader::open(const BinlogStart &start)
{
    close();
    MySqlConnection &meta = metadata();
    m_checksumBytes = checkServer(meta, m_config.endpoint()) == "NONE" ? 0 : 4;
    for (const auto &row : meta.query("SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS"))
        if (row[0] && row[1])
            m_charsets[std::stoi(*row[0])] = *row[1];
    if (start.gtid.empty()) {
        if (start.file.empty())
            throw Error("a binlog start needs a file name or a GTID");
        bool found = false;
        for (const auto &row : meta.query("SHOW BINARY LOGS"))
            found = found || (row[0] && *row[0] == start.file);
        if (!found)
            throw Error("binlog file " + start.file + " is not on the server " + m_config.endpoint() +
                        " (purged or never written): changes since that position are lost; take a new "
                        "snapshot and start from its binlog position");
    }

    m_domains.clear();
    std::string state = start.gtid;
    if (state.empty()) {
        // The GTID state at the start position, so currentPosition().gtid covers every domain.
        const auto pos = meta.query("SELECT BINLOG_GTID_POS(" + meta.quote(start.file) + ", " +
                                    std::to_string(start.position) + ")");
        if (!pos.empty() && pos[0][0])
            state = *pos[0][0];
    }
    std::size_t from = 0;
    while (from < state.size()) { // "d-s-n,d-s-n": one GTID per replication domain
        std::size_t comma = state.find(',', from);
        if (comma == std::string::npos)
            comma = state.size();
        const std::string one = state.substr(from, comma - from);
        std::uint32_t domain = 0;
        const auto parsed = std::from_chars(one.data(), one.data() + one.size(), domain);
        if (parsed.ec != std::errc() || parsed.ptr == one.data() + one.size() || *parsed.ptr != '-')
            throw ConfigError("\"" + state + "\" is not a MariaDB GTID position (domain-server-sequence[,...])");
        m_domains[domain] = one;
        from = comma + 1;
    }

    m_session = std::make_unique<MySqlConnection>(m_config);
    m_session->connect();
    m_session->execute("SET @master_binlog_checksum = @@global.binlog_checksum");
    m_session->execute("SET @mariadb_slave_capability = 4");
    m_session->execute("SET @master_heartbeat_period = " + std::to_string(std::int64_t(m_heartbeatMs) * 1000000));
    if (!start.gtid.empty())
        m_session->execute("SET @slave_connect_state = " + m_session->quote(start.gtid));

    m_rpl.reset(mariadb_rpl_init(m_session->handle()));
    if (!m_rpl)
        throw Error("cannot start reading the binlog of " + m_config.endpoint() + ": " + mysql_error(m_session->handle()));
    const std::string file = start.gtid.empty() ? start.file : std::string();
    const unsigned long startPos = start.gtid.empty() ? static_cast<unsigned long>(start.position) : 4ul;
    mariadb_rpl_optionsv(m_rpl.get(), MARIADB_RPL_FILENAME, file.c_str(), file.size());
    mariadb_rpl_optionsv(m_rpl.get(), MARIADB_RPL_START, startPos);
    mariadb_rpl_optionsv(m_rpl.get(), MARIADB_RPL_SERVER_ID, m_serverId);
    mariadb_rpl_optionsv(m_rpl.get(), MARIADB_RPL_FLAGS, 0u);
    if (mariadb_rpl_open(m_rpl.get()) != 0)
        throwFetchError();
    m_file = file;
    m_committed = {file, start.gtid.empty() ? start.position : 4, state};
    m_gtid.clear();
}

void BinlogReader::throwFetchError()
{
    MYSQL *mysql = m_session ? m_session->handle() : nullptr;
    const unsigned code = mysql ? mysql_errno(mysql) : 0;
    const std::string message = mysql ? mysql_error(mysql) : "not open";
    if (code == 1236) // ER_MASTER_FATAL_ERROR_READING_BINLOG: purged file, unknown GTID...
        throw Error("cannot read the binlog of " + m_config.endpoint() + " from " +
                    (m_committed.file.empty() ? "GTID " + m_committed.gtid
                                              : m_committed.file + ":" + std::to_string(m_committed.position) +
                                                    (m_committed.gtid.empty() ? "" : " (GTID " + m_committed.gtid + ")")) +
                    ": " + message +
                    ". If the binlog was purged, take a new snapshot and start from its position");
    if (MySqlConnection::isLostConnection(code) || code == 0)
        throw ConnectionError("lost the binlog connection to " + m_config.endpoint() + ": " + message, true);
    throw Error("reading the binlog of " + m_config.endpoint() + " failed: " + message);
}

bool BinlogReader::read(Batch &out, std::size_t maxRecords, int timeoutMs)
{
    if (!m_rpl)
        throw Error("the binlog reader is not open");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    const std::size_t first = out.size();
    for (;;) {
        const std::size_t appended = out.size() - first;
        if (appended >= std::max<std::size_t>(maxRecords, 1) || std::chrono::steady_clock::now() >= deadline)
            return appended > 0;
        st_mariadb_rpl_event *event = mariadb_rpl_fetch(m_rpl.get(), m_event.get());
        if (!event) {
            // libmariadb may have freed the event it was given on some error paths: do not
            // free it again.
            (void)m_event.release();
            throwFetchError();
        }
        if (event != m_event.get()) {
            (void)m_event.release();
            m_event.reset(event);
        }
        handleEvent(event, out);
    }
}

void BinlogReader::handleEvent(st_mariadb_rpl_event *event, Batch &out)
{
    if (event->raw_data_size < event->event_length || event->event_length < kHeaderSize + m_checksumBytes)
        return; // nothing to parse (an EOF packet)
    const std::uint8_t *header = event->raw_data + (event->raw_data_size - event->event_length);
    const std::uint8_t type = header[4];
    const std::uint32_t timestamp = std::uint32_t(le(header, 4));
    const std::uint64_t endPosition = le(header + 13, 4);
    const std::uint8_t *body = header + kHeaderSize;
    std::size_t size = event->event_length - kHeaderSize - m_checksumBytes;
    m_eventEnd = endPosition;

    switch (type) {
    case ROTATE_EVENT: {
        if (size < 8)
            throw Error("malformed ROTATE event in " + m_file);
        // Real and fake (timestamp 0) ROTATE events both carry the checksum when the binlog has
        // one (MariaDB sends fake events with it once @master_binlog_checksum is set).
        std::string name(reinterpret_cast<const char *>(body + 8), size - 8);
        m_file = name;
        if (m_pending.empty())
            m_committed = {name, le(body, 8), m_committed.gtid};
        return;
    }
    case kMariaGtidEvent: {
        if (size < 13)
            throw Error("malformed GTID event in " + m_file);
        m_pending.clear();
        const std::uint64_t seq = le(body, 8);
        const std::uint32_t domain = std::uint32_t(le(body + 8, 4));
        const std::uint32_t server = std::uint32_t(le(header + 5, 4));
        m_gtid = std::to_string(domain) + "-" + std::to_string(server) + "-" + std::to_string(seq);
        m_domain = domain;
        return;
    }
    case TABLE_MAP_EVENT:
        if (m_scanOnly.empty())
            tableMap(body, size);
        return;
    case WRITE_ROWS_EVENT_V1: case UPDATE_ROWS_EVENT_V1: case DELETE_ROWS_EVENT_V1:
    case WRITE_ROWS_EVENT: case UPDATE_ROWS_EVENT: case DELETE_ROWS_EVENT:
        if (m_scanOnly.empty())
            handleRows(type, body, size, timestamp);
        return;
    case XID_EVENT:
        commit(endPosition, timestamp, out);
        return;
    case QUERY_EVENT:
        handleQuery(body, size, endPosition, timestamp, out);
        return;
    default:
        if (type >= kFirstCompressedEvent && type <= kLastCompressedEvent)
            throw Error("the binlog of " + m_config.endpoint() +
                        " has compressed events (log_bin_compress=ON), which this reader cannot decode");
        return; // FORMAT_DESCRIPTION, heartbeats, ANNOTATE_ROWS, GTID_LIST, checkpoints...
    }
}

void BinlogReader::commit(std::uint64_t endPosition, std::uint32_t timestamp, Batch &out)
{
    std::uint64_t row = 0;
    for (Record &record : m_pending) {
        record.position.source = m_file;
        record.position.offset = endPosition;
        record.position.gtid = m_gtid;
        // Which row of its transaction (see BinlogReader::read()): a checkpoint can point inside it.
        record.position.endLine = ++row;
        record.position.column = m_pending.size();
        record.position.endOffset = m_committed.position; // the end of the transaction before
        record.commitTimeMs = std::int64_t(timestamp) * 1000;
        out.push_back(std::move(record));
    }
    m_pending.clear();
    if (endPosition > 0)
        m_committed = {m_file, endPosition, m_committed.gtid};
    if (!m_gtid.empty()) {
        m_domains[m_domain] = m_gtid;
        m_committed.gtid.clear();
        for (const auto &[domain, gtid] : m_domains)
            m_committed.gtid += (m_committed.gtid.empty() ? "" : ",") + gtid;
    }
}

void BinlogReader::handleQuery(const std::uint8_t *body, std::size_t size, std::uint64_t endPosition,
                               std::uint32_t timestamp, Batch &out)
{
    BinlogCursor c(body, size, "QUERY");
    c.take(8); // thread id, execution time
    const std::size_t dbLength = std::size_t(c.uint(1));
    c.take(2); // error code
    const std::size_t statusLength = std::size_t(c.uint(2));
    c.take(statusLength);
    const std::string database = c.string(dbLength);
    c.take(1);
    const std::string sql = c.string(c.remaining());
    if (startsWithWord(sql, "BEGIN") || startsWithWord(sql, "XA") || startsWithWord(sql, "SAVEPOINT"))
        return;
    if (startsWithWord(sql, "COMMIT") || startsWithWord(sql, "ROLLBACK")) {
        commit(endPosition, timestamp, out);
        return;
    }
    if (m_history) {
        handleDdl(sql, database, endPosition, timestamp, out);
        return;
    }
    // A DDL statement: the table it names (if any) as it is now.
    static const std::regex tableName(
        R"(^\s*(?:CREATE|ALTER|DROP|RENAME|TRUNCATE)\s+(?:OR\s+REPLACE\s+)?(?:(?:ONLINE|IGNORE|TEMPORARY)\s+)*TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?((?:`[^`]+`|[\w$]+)(?:\.(?:`[^`]+`|[\w$]+))?))",
        std::regex::icase | std::regex::ECMAScript);
    auto info = std::make_shared<TableInfo>();
    info->database = database;
    std::smatch match;
    if (std::regex_search(sql, match, tableName)) {
        const std::string name = match[1].str();
        const std::size_t dot = name[0] == '`' ? name.find("`.") : name.find('.');
        if (dot != std::string::npos) {
            const std::size_t split = name[0] == '`' ? dot + 1 : dot;
            info->database = unquoteIdentifier(name.substr(0, split));
            info->table = unquoteIdentifier(name.substr(split + 1));
        } else {
            info->table = unquoteIdentifier(name);
        }
        for (auto it = m_tables.begin(); it != m_tables.end();)
            it = it->second.map.database == info->database && it->second.map.table == info->table ? m_tables.erase(it) : std::next(it);
        BinlogTableMap current;
        current.database = info->database;
        current.table = info->table;
        TableInfoPtr described = describe(current);
        info = std::make_shared<TableInfo>(*described);
    }
    commitDdl(sql, std::move(info), endPosition, timestamp, out);
}

void BinlogReader::commitDdl(const std::string &sql, TableInfoPtr info, std::uint64_t endPosition,
                             std::uint32_t timestamp, Batch &out)
{
    Record record;
    record.op = RowOp::Ddl;
    record.statement = sql;
    std::vector<std::string> names;
    for (const ColumnInfo &column : info->columns)
        names.push_back(column.name);
    record.schema = std::make_shared<Schema>(std::move(names));
    record.table = std::move(info);
    m_pending.push_back(std::move(record));
    commit(endPosition, timestamp, out);
}

const BinlogReader::TableState &BinlogReader::tableMap(const std::uint8_t *body, std::size_t size)
{
    BinlogTableMap map = BinlogTableMap::parse(body, size);
    auto it = m_tables.find(map.tableId);
    if (it != m_tables.end() && it->second.map.database == map.database && it->second.map.table == map.table &&
        it->second.map.columns.size() == map.columns.size())
        return it->second;
    TableState state;
    state.info = m_history ? defined(map) : describe(map);
    std::vector<std::string> names;
    if (state.info)
        for (const ColumnInfo &column : state.info->columns)
            names.push_back(column.name);
    state.schema = std::make_shared<Schema>(std::move(names));
    state.map = std::move(map);
    return m_tables[state.map.tableId] = std::move(state);
}

TableInfoPtr BinlogReader::describe(BinlogTableMap &map)
{
    MySqlConnection &meta = metadata();
    const std::optional<tabledescription::Described> described =
        tabledescription::describeTable(meta, map.database, map.table);
    const std::vector<ColumnInfo> none;
    const std::vector<ColumnInfo> &rows = described ? described->info.columns : none;
    auto info = std::make_shared<TableInfo>();
    info->database = map.database;
    info->table = map.table;
    const bool fromMap = !map.columns.empty();
    // information_schema describes the table as it is now: use it only when it still matches.
    bool matches = !fromMap || rows.size() == map.columns.size();
    for (std::size_t i = 0; matches && fromMap && map.hasNames && i < rows.size(); ++i)
        matches = rows[i].name == map.columns[i].name;
    const std::size_t count = fromMap ? map.columns.size() : rows.size();
    for (std::size_t i = 0; i < count; ++i) {
        ColumnInfo column;
        if (matches)
            column = rows[i];
        if (fromMap) {
            BinlogColumn &c = map.columns[i];
            if (!map.hasSignedness)
                c.isUnsigned = column.isUnsigned;
            if (c.isText() && c.charsetId < 0 && matches)
                c.charsetId = column.charset == "binary" ? 63 : column.charset == "latin1" ? 8 : 45;
            if ((c.type == binlogtype::Enum || c.type == binlogtype::Set) && c.labels.empty() && matches)
                c.labels = BinlogColumn::labelsOf(column.columnType);
            if (map.hasNames)
                column.name = c.name;
            if (!matches) {
                column.dataType = c.dataType();
                column.columnType = column.dataType + (c.isUnsigned ? " unsigned" : "");
                column.charset = c.isText() ? (c.charsetId == 63 ? "binary" : m_charsets[c.charsetId]) : "";
                if (column.name.empty())
                    column.name = "col" + std::to_string(i + 1);
            }
            column.isUnsigned = c.isUnsigned && c.type != binlogtype::Year;
            column.nullable = c.nullable;
        }
        info->columns.push_back(std::move(column));
    }
    if (fromMap && !map.keyIndexes.empty()) {
        info->keyIndexes = map.keyIndexes;
        for (ColumnInfo &column : info->columns)
            column.isKey = false;
        for (int k : map.keyIndexes)
            info->columns[std::size_t(k)].isKey = true;
    } else if (matches && described) {
        info->keyIndexes = described->info.keyIndexes; // in the key's order
    }
    return info;
}

void BinlogReader::handleRows(std::uint8_t type, const std::uint8_t *body, std::size_t size, std::uint32_t timestamp)
{
    if (size < 6)
        throw Error("malformed ROWS event: truncated");
    const auto it = m_tables.find(le(body, 6));
    if (it == m_tables.end())
        throw Error("binlog ROWS event at " + m_file + " for a table id without a TABLE_MAP event");
    const TableState &state = it->second;
    if (!state.info)
        return; // a table the schema history does not capture
    m_changes.clear();
    BinlogRowDecoder::decode(state.map, type, body, size, m_changes);
    const int kind = type >= WRITE_ROWS_EVENT ? type - WRITE_ROWS_EVENT : type - WRITE_ROWS_EVENT_V1;
    if (state.info && hasFixedBinaryTextTypes(*state.info)) {
        for (BinlogRowChange &change : m_changes) {
            textifyFixedBinaryTypes(*state.info, change.after);
            textifyFixedBinaryTypes(*state.info, change.before);
        }
    }
    for (BinlogRowChange &change : m_changes) {
        Record &record = m_pending.emplace_back();
        record.schema = state.schema;
        record.table = state.info;
        record.commitTimeMs = std::int64_t(timestamp) * 1000;
        if (kind == 0) {
            record.op = RowOp::Insert;
            record.values = std::move(change.after);
        } else if (kind == 1) {
            record.op = RowOp::Update;
            record.values = std::move(change.after);
            record.before = std::move(change.before);
        } else {
            record.op = RowOp::Delete;
            record.values = std::move(change.before);
        }
    }
}

} // namespace flowdeck
