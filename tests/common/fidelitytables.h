#pragma once

#include <QRandomGenerator>

#include <string>
#include <vector>

namespace flowdeck::test {

/// One column of a fidelity table: its SQL type, the edge values it must carry (SQL literals),
/// and how a full dump reads it so that binary, float and time-zone values compare exactly.
struct FidelityColumn
{
    std::string name;
    std::string type;                 // "TINYINT UNSIGNED NOT NULL", "DATETIME(6) NULL"...
    std::vector<std::string> values;  // SQL literals; the first rows take them in order
    std::string dump;                 // SQL expression with `%` for the column; "" = the column itself
    bool nullable = true;
    /// What Debezium loses, as SQL over the source column (`%`): the source's dump expression
    /// for a debezium-json replica. "" = Debezium carries the value unchanged.
    std::string debeziumLoss = {};
};

/// A table of the fidelity matrix: every MySQL/MariaDB column type at its edges.
struct FidelityTable
{
    std::string name;
    std::vector<FidelityColumn> columns; // the key columns first
    std::vector<std::string> key;        // empty: a keyless table
};

/// The tables of the matrix: integers, numbers, text, binary, time, MariaDB's own types,
/// a composite key, a keyless table.
std::vector<FidelityTable> fidelityTables();

/// CREATE TABLE for `table` in `database`.
std::string createStatement(const FidelityTable &table, const std::string &database);

/// A random row of `table` (SQL literals), row `n` of the table: the first rows walk through
/// every column's edge values in order, later ones pick edges or NULL at random.
std::vector<std::string> fidelityRow(const FidelityTable &table, int n, QRandomGenerator &random);

/// SELECT of the table's columns as dump expressions, ordered by the key (or all columns).
/// `debeziumSource`: the source as a debezium-json replica must hold it (FidelityColumn::debeziumLoss).
std::string dumpQuery(const FidelityTable &table, const std::string &database, bool debeziumSource = false);

/// `name` as a quoted identifier (backticks doubled).
std::string quotedName(const std::string &name);

/// Inserts `rows` rows (ids from `firstId`), in one statement, in a session that allows zero
/// dates and takes TIMESTAMP literals as UTC.
void insertFidelityRows(const FidelityTable &table, const std::string &database, int firstId, int rows, QRandomGenerator &random);

/// Seeded changes of every kind on every table: inserts, updates of all non-key columns,
/// deletes, and updates that change the key. Returns the number of row events made.
int changeFidelityRows(const FidelityTable &table, const std::string &database, int existingIds, QRandomGenerator &random);

} // namespace flowdeck::test
