#include "core/mysql/mysqlbatchwriter.h"

#include "core/mysql/mysqlwirevalue.h"

#include <algorithm>
#include <functional>
#include <string_view>

namespace flowdeck {

namespace {

/// Errors one record explains: the statement is bisected to find the record and reject it.
bool isRecordError(unsigned code)
{
    switch (code) {
    case 1022: // ER_DUP_KEY
    case 1048: // ER_BAD_NULL_ERROR
    case 1062: // ER_DUP_ENTRY
    case 1138: // ER_INVALID_USE_OF_NULL
    case 1169: // ER_DUP_UNIQUE
    case 1216: case 1217: case 1451: case 1452: // foreign keys
    case 1263: // ER_WARN_NULL_TO_NOTNULL
    case 1264: // ER_WARN_DATA_OUT_OF_RANGE
    case 1265: // WARN_DATA_TRUNCATED
    case 1292: // ER_TRUNCATED_WRONG_VALUE
    case 1364: // ER_NO_DEFAULT_FOR_FIELD
    case 1366: // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD
    case 1367: // ER_ILLEGAL_VALUE_FOR_TYPE
    case 1406: // ER_DATA_TOO_LONG
    case 1411: // ER_WRONG_VALUE_FOR_TYPE
    case 1416: // ER_CANT_CREATE_GEOMETRY_OBJECT
    case 1586: // ER_DUP_ENTRY_WITH_KEY_NAME
    case 1644: // ER_SIGNAL_EXCEPTION (a trigger refused the row)
    case 1690: // ER_DATA_OUT_OF_RANGE
    case 1859: // ER_DUP_UNKNOWN_IN_INDEX
    case 3140: // MySQL ER_INVALID_JSON_TEXT
    case 3819: // MySQL ER_CHECK_CONSTRAINT_VIOLATED
    case 4025: // MariaDB ER_CONSTRAINT_FAILED
        return true;
    default:
        return false;
    }
}

bool isTransactionRollback(unsigned code)
{
    return code == 1213 /* ER_LOCK_DEADLOCK */ || code == 1205 /* ER_LOCK_WAIT_TIMEOUT */;
}

} // namespace

MySqlBatchWriter::MySqlBatchWriter(MySqlConnection &connection)
    : m_connection(connection)
{
}

MySqlBatchWriter::~MySqlBatchWriter() = default;

void MySqlBatchWriter::configure(std::vector<const MySqlColumn *> columns, std::vector<std::size_t> key,
                                 MySqlStatementBuilder builder, std::size_t batchRows, std::string tableName)
{
    m_columns = std::move(columns);
    m_key = std::move(key);
    m_isKey.assign(m_columns.size(), false);
    for (std::size_t k : m_key)
        m_isKey[k] = true;
    m_allFields.clear();
    for (std::size_t f = 0; f < m_columns.size(); ++f)
        m_allFields.push_back(f);
    m_builder = std::move(builder);
    m_batchRows = batchRows;
    m_tableName = std::move(tableName);
    dropStatements();
}

void MySqlBatchWriter::dropStatements()
{
    for (auto &s : m_statements)
        s.reset();
    m_builder.setNoBackslashEscapes(m_connection.noBackslashEscapes());
}

std::size_t MySqlBatchWriter::packetLimit() const
{
    const std::uint64_t packet = m_connection.maxAllowedPacket();
    return packet > 4096 ? std::size_t(packet - 1024) : std::size_t(packet); // room for the header
}

// ---- fitting --------------------------------------------------------------------------------

std::size_t MySqlBatchWriter::fit(const Batch &batch, const SchemaPtr &schema, MySqlWriteMode mode,
                                  std::vector<RejectedRecord> &rejected)
{
    std::vector<std::size_t> all(batch.size());
    for (std::size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return fit(batch, all, schema, mode, rejected);
}

bool MySqlBatchWriter::keyChanged(const Record &record, const int *map) const
{
    for (std::size_t f = 0; f < m_columns.size(); ++f) {
        if (!m_isKey[f])
            continue;
        const int v = map ? map[f] : int(f);
        if (v >= 0 && std::size_t(v) < record.values.size() && !(record.values[std::size_t(v)] == record.before[std::size_t(v)]))
            return true;
    }
    return false;
}

bool MySqlBatchWriter::fitRow(const Record &record, const std::vector<Value> &values, const int *map, Op op,
                              MySqlCell *cells, std::size_t &bytes, std::string &reason)
{
    static const Value null;
    const std::size_t fields = m_columns.size();
    const WireValues wire = record.table ? record.table->wireValues : WireValues::Typed;
    bytes = 0;
    for (std::size_t f = 0; f < fields; ++f) {
        if (op == Op::Delete && !m_isKey[f] && int(f) != m_versionField) {
            cells[f] = MySqlCell(); // deletes only need the key (and the version)
            continue;
        }
        const int v = map ? map[f] : int(f);
        if (int(f) == m_commitTimeField)
            m_commitTime = Value::integer(record.commitTimeMs);
        const Value &value = int(f) == m_commitTimeField              ? m_commitTime
            : v >= 0 && std::size_t(v) < values.size() ? values[std::size_t(v)]
                                                         : null;
        if (value.isNull() && m_isKey[f] && (op == Op::Update || op == Op::Delete)) {
            reason = "key column " + quoteIdentifier(m_columns[f]->name) + " is NULL: no row can match";
            return false;
        }
        bool ok;
        if (wire != WireValues::Typed) {
            const Value *read = wireValueFor(value, wire, *m_columns[f], m_wireScratch[f], reason);
            ok = read && fitMySqlValue(*read, *m_columns[f], cells[f], m_arena, reason);
            if (ok && read != &value && cells[f].kind == MySqlCellKind::Value) // the scratch is reused by the next row
                cells[f].data = m_arena.store({cells[f].data, cells[f].size}).data();
        } else {
            ok = fitMySqlValue(value, *m_columns[f], cells[f], m_arena, reason);
        }
        if (!ok)
            return false;
        bytes += cells[f].size + 12; // a bulk parameter's length and indicator
    }
    if (!usesBulk() || op == Op::Update) // updates are text statements (UPDATE ... JOIN)
        bytes = m_builder.rowSizeBound(cells) + 64;
    if (bytes > packetLimit()) {
        reason = "the record needs " + std::to_string(bytes) + " bytes, more than the server's max_allowed_packet ("
            + std::to_string(m_connection.maxAllowedPacket()) + " bytes)";
        return false;
    }
    return true;
}

std::size_t MySqlBatchWriter::fit(const Batch &batch, const std::vector<std::size_t> &indexes, const SchemaPtr &schema,
                                  MySqlWriteMode mode, std::vector<RejectedRecord> &rejected)
{
    const std::size_t fields = m_columns.size();
    m_arena.clear();
    m_cells.resize((mode == MySqlWriteMode::Replicate ? 2 : 1) * indexes.size() * fields); // a key change is two rows
    m_wireScratch.resize(fields);
    m_rowIndex.clear();
    m_rowOp.clear();
    m_rowBytes.clear();
    std::string reason;
    for (const std::size_t i : indexes) {
        const Record &record = batch[i];
        if (record.isError()) {
            rejected.push_back({i, record.error});
            if (m_stopAtFirst)
                break;
            continue;
        }
        Op op = Op::Insert;
        switch (mode) {
        case MySqlWriteMode::Insert: op = Op::Insert; break;
        case MySqlWriteMode::Update: op = Op::Update; break;
        case MySqlWriteMode::Upsert: op = Op::Upsert; break;
        case MySqlWriteMode::Replicate: op = record.op == RowOp::Delete ? Op::Delete : Op::Upsert; break;
        }
        // Records normally come in the opened schema's order; another schema is mapped by name.
        const int *map = nullptr;
        if (record.schema && record.schema != schema) {
            if (record.schema != m_mappedSchema) {
                m_fieldMap.clear();
                for (const auto &name : schema->names())
                    m_fieldMap.push_back(record.schema->indexOf(name));
                m_unmappedFields.clear();
                const auto &names = record.schema->names();
                for (std::size_t k = 0; k < names.size(); ++k)
                    if (schema->indexOf(names[k]) < 0)
                        m_unmappedFields.push_back(int(k));
                m_mappedSchema = record.schema;
            }
            map = m_fieldMap.data();
            // A field that appeared mid-stream (JSON Lines) and has no column would be lost.
            std::string lost;
            for (int k : m_unmappedFields)
                if (std::size_t(k) < record.values.size() && !record.values[std::size_t(k)].isNull())
                    lost += (lost.empty() ? "" : ", ") + quoteIdentifier(record.schema->names()[std::size_t(k)]);
            if (!lost.empty()) {
                rejected.push_back({i, "field(s) " + lost + " have no column in " + m_tableName
                                           + " (add the column, or map the fields the flow should write)"});
                if (m_stopAtFirst)
                    break;
                continue;
            }
        }
        // Replicate: an update that changes the key first deletes the row under its old key
        // (the upsert alone would leave it behind).
        const bool keyChange = mode == MySqlWriteMode::Replicate && record.op == RowOp::Update
            && record.before.size() == record.values.size() && keyChanged(record, map);
        bool ok = true;
        std::size_t bytes = 0;
        if (keyChange) {
            ok = fitRow(record, record.before, map, Op::Delete, m_cells.data() + m_rowIndex.size() * fields, bytes, reason);
            if (ok) {
                m_rowIndex.push_back(i);
                m_rowOp.push_back(Op::Delete);
                m_rowBytes.push_back(bytes);
            }
        }
        if (ok)
            ok = fitRow(record, record.values, map, op, m_cells.data() + m_rowIndex.size() * fields, bytes, reason);
        if (!ok) {
            if (keyChange && !m_rowIndex.empty() && m_rowIndex.back() == i) {
                m_rowIndex.pop_back();
                m_rowOp.pop_back();
                m_rowBytes.pop_back();
            }
            rejected.push_back({i, reason});
            if (m_stopAtFirst)
                break; // nothing after the first rejection is written
            continue;
        }
        m_rowIndex.push_back(i);
        m_rowOp.push_back(op);
        m_rowBytes.push_back(bytes);
    }
    return m_rowIndex.size();
}

// ---- writing --------------------------------------------------------------------------------

void MySqlBatchWriter::resetAttempt()
{
    m_serverRejected.clear();
    m_unmatched = 0;
    m_written = 0;
    m_stopped = false;
}

void MySqlBatchWriter::sendRuns()
{
    // autocommit=0: the first statement opens the transaction, so a batch costs two round trips
    // (its statement, then the caller's checkpoint and COMMIT in one packet) instead of four
    // with START TRANSACTION and a separate checkpoint statement. Round trips are what a
    // 2-core machine running the server, the reader and the writer waits on.
    if (m_autocommitOffFor != m_connection.sessionNumber()) {
        m_connection.execute("SET SESSION autocommit=0");
        m_autocommitOffFor = m_connection.sessionNumber();
    }
    // Runs of the same operation, in order (replicate mixes upserts and deletes).
    std::size_t begin = 0;
    while (begin < m_rowIndex.size()) {
        std::size_t end = begin + 1;
        while (end < m_rowIndex.size() && m_rowOp[end] == m_rowOp[begin])
            ++end;
        writeRun(begin, end, m_rowOp[begin]);
        begin = end;
    }
}

void MySqlBatchWriter::send()
{
    resetAttempt();
    try {
        sendRuns();
    } catch (const ConnectionError &) {
        throw; // the session is gone, and the transaction with it
    } catch (const MySqlTransactionRolledBack &) {
        rollbackQuietly();
        throw;
    } catch (const MySqlError &e) {
        rollbackQuietly();
        throw Error("cannot write to " + m_tableName + " on " + m_connection.config().endpoint() + ": " + e.what());
    }
}

void MySqlBatchWriter::commit(const std::string &finishSql)
{
    try {
        m_connection.executeMulti(finishSql + "COMMIT", m_affected);
    } catch (const ConnectionError &) {
        throw; // the session is gone, and the transaction with it
    } catch (const MySqlTransactionRolledBack &) {
        rollbackQuietly();
        throw;
    } catch (const MySqlError &e) {
        rollbackQuietly();
        throw Error("cannot write to " + m_tableName + " on " + m_connection.config().endpoint() + ": " + e.what());
    } catch (...) {
        rollbackQuietly();
        throw;
    }
}

void MySqlBatchWriter::rollbackQuietly()
{
    if (!m_connection.isConnected())
        return;
    try {
        m_connection.execute("ROLLBACK");
    } catch (const Error &) {
        // A session that cannot even roll back is unusable: drop it, the next write reconnects.
        m_connection.disconnect();
    }
}

void MySqlBatchWriter::writeRun(std::size_t begin, std::size_t end, Op op)
{
    const std::size_t limit = packetLimit();
    while (begin < end && !m_stopped) {
        std::size_t stop = begin;
        std::size_t bytes = 0;
        while (stop < end && stop - begin < m_batchRows && (stop == begin || bytes + m_rowBytes[stop] <= limit))
            bytes += m_rowBytes[stop++];
        writeChunk(begin, stop, op);
        begin = stop;
    }
}

void MySqlBatchWriter::writeChunk(std::size_t begin, std::size_t end, Op op)
{
    if (m_stopped)
        return; // stop mode: a record before these was refused
    try {
        runChunk(begin, end, op);
    } catch (const MySqlError &e) {
        // InnoDB undid just the failed statement; a deadlock or lock wait timeout (the server
        // may have dropped the whole transaction) needs the batch replayed.
        if (isTransactionRollback(e.code()))
            throw MySqlTransactionRolledBack(e.what());
        if (!isRecordError(e.code()))
            throw;
        if (end - begin == 1) {
            // Chunks run in order and bisection goes left first: in stop mode everything written
            // so far comes before this record, and nothing after it has run.
            m_serverRejected.push_back({m_rowIndex[begin], e.what()});
            m_stopped = m_stopAtFirst;
            return;
        }
        const std::size_t middle = begin + (end - begin) / 2;
        writeChunk(begin, middle, op);
        writeChunk(middle, end, op);
    }
}

bool MySqlBatchWriter::hasDuplicateKeys(std::size_t begin, std::size_t end)
{
    // Hash the key cells of every row, sort, and compare the rows whose hashes collide.
    const std::size_t fields = m_columns.size();
    m_keyHashes.clear();
    for (std::size_t r = begin; r < end; ++r) {
        std::size_t h = 0;
        for (std::size_t k : m_key) {
            const MySqlCell &c = m_cells[r * fields + k];
            h = h * 1000003u ^ std::hash<std::string_view>()(std::string_view(c.data ? c.data : "", c.size));
        }
        m_keyHashes.emplace_back(h, r);
    }
    std::sort(m_keyHashes.begin(), m_keyHashes.end());
    for (std::size_t i = 1; i < m_keyHashes.size(); ++i) {
        if (m_keyHashes[i].first != m_keyHashes[i - 1].first)
            continue;
        const MySqlCell *a = &m_cells[m_keyHashes[i].second * fields];
        const MySqlCell *b = &m_cells[m_keyHashes[i - 1].second * fields];
        bool same = true;
        for (std::size_t k : m_key)
            same = same && std::string_view(a[k].data ? a[k].data : "", a[k].size)
                == std::string_view(b[k].data ? b[k].data : "", b[k].size);
        if (same)
            return true;
    }
    return false;
}

void MySqlBatchWriter::runUpdateJoin(std::size_t begin, std::size_t end)
{
    const std::size_t fields = m_columns.size();
    m_sql.clear();
    m_builder.appendUpdateJoinHead(m_sql);
    for (std::size_t r = begin; r < end; ++r)
        m_builder.appendUpdateJoinRow(m_sql, m_cells.data() + r * fields, r == begin);
    m_builder.appendUpdateJoinTail(m_sql);
    // CLIENT_FOUND_ROWS: affected rows are the rows matched, changed or not.
    const std::uint64_t matched = m_connection.execute(m_sql);
    const std::uint64_t rows = end - begin;
    m_unmatched += rows > matched ? rows - matched : 0;
    m_written += std::min<std::uint64_t>(rows, matched);
}

void MySqlBatchWriter::runChunk(std::size_t begin, std::size_t end, Op op)
{
    // Updates: one UPDATE ... JOIN for the chunk (measured 1.5x the bulk single-row UPDATE and
    // 2.6x the `;`-joined ones), unless a key repeats, where only row-by-row keeps the order.
    if (op == Op::Update && !hasDuplicateKeys(begin, end)) {
        runUpdateJoin(begin, end);
        return;
    }
    if (!usesBulk()) {
        runTextStatements(begin, end, op);
        return;
    }
    const std::uint64_t affected = runBulk(begin, end, op);
    if (op == Op::Update) {
        // CLIENT_FOUND_ROWS: affected rows are the rows matched, changed or not.
        const std::uint64_t rows = end - begin;
        m_unmatched += rows > affected ? rows - affected : 0;
        m_written += std::min<std::uint64_t>(rows, affected);
    } else {
        m_written += end - begin;
    }
}

std::uint64_t MySqlBatchWriter::runBulk(std::size_t begin, std::size_t end, Op op)
{
    std::unique_ptr<MySqlStatement> &statement = m_statements[int(op)];
    if (!statement) {
        std::string sql = op == Op::Insert ? m_builder.insertTemplate(false)
            : op == Op::Upsert             ? m_builder.insertTemplate(true)
            : op == Op::Update             ? m_builder.updateTemplate()
                                           : m_builder.deleteTemplate();
        statement = std::make_unique<MySqlStatement>(m_connection, std::move(sql));
    }
    const std::vector<std::size_t> &order = op == Op::Update ? m_builder.updateOrder()
        : op == Op::Delete                                   ? m_builder.deleteOrder()
                                                             : m_allFields;
    const std::size_t rows = end - begin;
    const std::size_t fields = m_columns.size();
    m_paramData.resize(order.size() * rows);
    m_paramLengths.resize(order.size() * rows);
    m_paramIndicators.resize(order.size() * rows);
    m_params.resize(order.size());
    for (std::size_t p = 0; p < order.size(); ++p) {
        const std::size_t f = order[p];
        const std::size_t base = p * rows;
        for (std::size_t r = 0; r < rows; ++r) {
            const MySqlCell &cell = m_cells[(begin + r) * fields + f];
            m_paramData[base + r] = cell.data ? cell.data : "";
            m_paramLengths[base + r] = cell.size;
            m_paramIndicators[base + r] = cell.kind == MySqlCellKind::Value ? 0 // STMT_INDICATOR_NONE
                : cell.kind == MySqlCellKind::Null                         ? 1 // STMT_INDICATOR_NULL
                                                                           : 2; // STMT_INDICATOR_DEFAULT
        }
        m_params[p] = MySqlBulkParam{m_paramData.data() + base, m_paramLengths.data() + base,
                                     m_paramIndicators.data() + base, wireForm(*m_columns[f]) == MySqlWireForm::Bytes};
    }
    return statement->executeBulk(m_params, unsigned(rows));
}

void MySqlBatchWriter::runTextStatements(std::size_t begin, std::size_t end, Op op)
{
    const std::size_t fields = m_columns.size();
    m_sql.clear();
    if (op == Op::Insert || op == Op::Upsert) {
        m_builder.appendInsertHead(m_sql);
        for (std::size_t r = begin; r < end; ++r) {
            if (r != begin)
                m_sql += ',';
            m_builder.appendRow(m_sql, m_cells.data() + r * fields);
        }
        if (op == Op::Upsert)
            m_builder.appendUpsertTail(m_sql);
        m_connection.execute(m_sql);
        m_written += end - begin;
        return;
    }
    // UPDATE and DELETE have no multi-row form that keeps per-row results: one packet of
    // single-row statements, each reporting its matched rows.
    for (std::size_t r = begin; r < end; ++r) {
        if (op == Op::Update)
            m_builder.appendUpdate(m_sql, m_cells.data() + r * fields);
        else
            m_builder.appendDelete(m_sql, m_cells.data() + r * fields);
        m_sql += ';';
    }
    auto account = [&] {
        for (std::uint64_t matched : m_affected) {
            if (op == Op::Update && matched == 0)
                ++m_unmatched;
            m_written += matched ? 1 : 0;
        }
    };
    try {
        m_connection.executeMulti(m_sql, m_affected);
    } catch (const MySqlError &e) {
        account();
        if (isTransactionRollback(e.code()) || !isRecordError(e.code()))
            throw;
        // The statements before the failing one ran: reject it and go on after it.
        const std::size_t failed = begin + e.statementIndex();
        m_serverRejected.push_back({m_rowIndex[failed], e.what()});
        m_stopped = m_stopAtFirst;
        if (failed + 1 < end && !m_stopped)
            runTextStatements(failed + 1, end, op);
        return;
    }
    account();
}

} // namespace flowdeck
