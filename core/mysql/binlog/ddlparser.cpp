#include "core/mysql/binlog/ddlparser.h"

#include "core/mysql/binlog/sqltokens.h"

namespace flowdeck::ddlparser {

namespace {

using Kind = DdlStatement::Kind;
using Alter = DdlAlteration::Kind;

bool tableName(SqlTokens &t, DdlTableName &name)
{
    name = DdlTableName();
    name.table = t.identifier();
    if (name.table.empty())
        return false;
    if (t.isSymbol('.')) {
        t.take();
        name.database = std::move(name.table);
        name.table = t.identifier();
    }
    return !name.table.empty();
}

std::vector<std::string> columnList(SqlTokens &t)
{
    std::vector<std::string> names;
    if (!t.acceptSymbol('('))
        return names;
    while (!t.atEnd() && !t.isSymbol(')')) {
        if (t.acceptSymbol(','))
            continue;
        const std::string name = t.identifier();
        if (name.empty())
            t.take();
        else
            names.push_back(name);
        t.skipClause(); // a prefix length (10), ASC / DESC
    }
    t.acceptSymbol(')');
    return names;
}

DdlStatement unknown(std::string problem, const DdlTableName *name = nullptr)
{
    DdlStatement s;
    if (name)
        s.tables.push_back(*name);
    s.kind = Kind::Unknown;
    s.problem = std::move(problem);
    return s;
}

void skipIfExists(SqlTokens &t, bool &flag)
{
    if (t.isWord("IF") && (t.isWord("EXISTS", 1) || (t.isWord("NOT", 1) && t.isWord("EXISTS", 2)))) {
        t.take();
        t.accept("NOT");
        t.take();
        flag = true;
    }
}

// [DEFAULT] CHARACTER SET [=] x / CHARSET x / COLLATE x: the charset, "" when the next clause is none.
bool charsetOption(SqlTokens &t, std::string &charset)
{
    const std::size_t d = t.isWord("DEFAULT") ? 1 : 0;
    const bool isCharset = t.isWord("CHARSET", d) || (t.isWord("CHARACTER", d) && t.isWord("SET", d + 1));
    const bool isCollate = t.isWord("COLLATE", d);
    if (!isCharset && !isCollate)
        return false;
    const std::size_t words = d + (t.isWord("CHARACTER", d) ? 2 : 1);
    for (std::size_t i = 0; i < words; ++i)
        t.take();
    t.acceptSymbol('=');
    const std::string value = t.take().text;
    if (isCharset)
        charset = normalCharset(value);
    else if (charset.empty())
        charset = charsetOfCollation(value);
    return true;
}

void tableOptions(SqlTokens &t, std::string &charset)
{
    while (!t.atEnd() && !t.isWord("PARTITION") && !t.isWord("AS") && !t.isWord("SELECT") && !t.isWord("IGNORE")
           && !t.isWord("REPLACE")) {
        if (!charsetOption(t, charset))
            t.take();
    }
}

// Parses `( definitions )` of CREATE TABLE into `s`. False with s.problem on a bad column.
bool createDefinitions(SqlTokens &t, DdlStatement &s)
{
    t.acceptSymbol('(');
    while (!t.atEnd() && !t.isSymbol(')')) {
        if (t.acceptSymbol(','))
            continue;
        if (t.accept("CONSTRAINT") && !t.isWord("PRIMARY") && !t.isWord("UNIQUE") && !t.isWord("FOREIGN")
            && !t.isWord("CHECK"))
            t.identifier(); // the constraint's name
        if (t.accept("PRIMARY")) {
            t.accept("KEY");
            while (!t.atEnd() && !t.isSymbol('(')) // USING BTREE before the columns
                t.take();
            s.primaryKey = columnList(t);
            t.skipClause();
        } else if (t.isWord("KEY") || t.isWord("INDEX") || t.isWord("UNIQUE") || t.isWord("FULLTEXT")
                   || t.isWord("SPATIAL") || t.isWord("FOREIGN") || t.isWord("CHECK") || t.isWord("PERIOD")
                   || t.isWord("CONSTRAINT")) {
            t.skipClause();
        } else {
            DdlColumn column;
            if (!parseColumn(t, column, s.problem))
                return false;
            if (column.primaryKey)
                s.primaryKey = {column.info.name};
            s.columns.push_back(std::move(column));
        }
    }
    t.acceptSymbol(')');
    return true;
}

DdlStatement createTable(SqlTokens &t, bool orReplace, bool temporary)
{
    DdlStatement s;
    s.kind = Kind::CreateTable;
    s.orReplace = orReplace;
    s.temporary = temporary;
    skipIfExists(t, s.ifNotExists);
    DdlTableName name;
    if (!tableName(t, name))
        return unknown("CREATE TABLE without a table name");
    s.tables.push_back(name);
    const bool parenthesisedLike = t.isSymbol('(') && t.isWord("LIKE", 1);
    if (parenthesisedLike)
        t.take();
    if (t.accept("LIKE")) {
        s.kind = Kind::CreateTableLike;
        if (!tableName(t, s.likeTable))
            return unknown("CREATE TABLE ... LIKE without a table name", &name);
        return s;
    }
    if (!t.isSymbol('('))
        return unknown("CREATE TABLE " + name.table + " without a column list (CREATE TABLE ... SELECT in a "
                       "statement-format binlog)", &name);
    if (!createDefinitions(t, s))
        return unknown(s.problem, &name);
    tableOptions(t, s.defaultCharset);
    if (t.isWord("AS") || t.isWord("SELECT") || t.isWord("IGNORE") || t.isWord("REPLACE"))
        return unknown("CREATE TABLE " + name.table + " ... SELECT whose SELECT may add columns", &name);
    return s;
}

// One ALTER TABLE clause into `s`; false with s.problem when it is not understood.
bool alterClause(SqlTokens &t, DdlStatement &s)
{
    DdlAlteration a;
    auto position = [&] {
        if (t.accept("FIRST"))
            a.first = true;
        else if (t.accept("AFTER"))
            a.after = t.identifier();
    };
    if (t.accept("ADD")) {
        if (t.accept("CONSTRAINT") && !t.isWord("PRIMARY") && !t.isWord("UNIQUE") && !t.isWord("FOREIGN")
            && !t.isWord("CHECK"))
            t.identifier();
        if (t.accept("PRIMARY")) {
            t.accept("KEY");
            while (!t.atEnd() && !t.isSymbol('('))
                t.take();
            a.kind = Alter::AddPrimaryKey;
            a.keyColumns = columnList(t);
            t.skipClause();
            s.alterations.push_back(std::move(a));
            return true;
        }
        if (t.isWord("KEY") || t.isWord("INDEX") || t.isWord("UNIQUE") || t.isWord("FULLTEXT") || t.isWord("SPATIAL")
            || t.isWord("FOREIGN") || t.isWord("CHECK") || t.isWord("PARTITION") || t.isWord("CONSTRAINT")) {
            t.skipClause();
            return true;
        }
        if (t.isWord("PERIOD") || t.isWord("SYSTEM")) {
            s.problem = "ADD " + t.peek().text + " (system versioning adds hidden columns)";
            return false;
        }
        t.accept("COLUMN");
        skipIfExists(t, a.ifExists);
        a.kind = Alter::AddColumn;
        if (t.acceptSymbol('(')) { // ADD (a INT, b INT)
            while (!t.atEnd() && !t.isSymbol(')')) {
                if (t.acceptSymbol(','))
                    continue;
                DdlAlteration one = a;
                if (!parseColumn(t, one.definition, s.problem))
                    return false;
                s.alterations.push_back(std::move(one));
            }
            t.acceptSymbol(')');
            return true;
        }
        if (!parseColumn(t, a.definition, s.problem))
            return false;
        position();
        s.alterations.push_back(std::move(a));
        return true;
    }
    if (t.accept("DROP")) {
        if (t.accept("PRIMARY")) {
            t.accept("KEY");
            a.kind = Alter::DropPrimaryKey;
            s.alterations.push_back(std::move(a));
            return true;
        }
        if (t.isWord("INDEX") || t.isWord("KEY")) {
            t.take();
            bool ifExists = false;
            skipIfExists(t, ifExists);
            if (t.peek().text == "PRIMARY") {
                a.kind = Alter::DropPrimaryKey;
                s.alterations.push_back(std::move(a));
            }
            t.skipClause();
            return true;
        }
        if (t.isWord("FOREIGN") || t.isWord("CONSTRAINT") || t.isWord("CHECK") || t.isWord("PARTITION")
            || t.isWord("PERIOD")) {
            t.skipClause();
            return true;
        }
        if (t.isWord("SYSTEM")) {
            s.problem = "DROP SYSTEM VERSIONING (removes hidden columns)";
            return false;
        }
        t.accept("COLUMN");
        skipIfExists(t, a.ifExists);
        a.kind = Alter::DropColumn;
        a.column = t.identifier();
        t.skipClause(); // RESTRICT / CASCADE
        s.alterations.push_back(std::move(a));
        return !s.alterations.back().column.empty();
    }
    const bool change = t.isWord("CHANGE");
    if (change || t.isWord("MODIFY")) {
        t.take();
        t.accept("COLUMN");
        skipIfExists(t, a.ifExists);
        a.kind = Alter::ModifyColumn;
        if (change)
            a.column = t.identifier();
        if (!parseColumn(t, a.definition, s.problem))
            return false;
        if (!change)
            a.column = a.definition.info.name;
        position();
        s.alterations.push_back(std::move(a));
        return true;
    }
    if (t.accept("RENAME")) {
        if (t.isWord("INDEX") || t.isWord("KEY")) {
            t.skipClause();
            return true;
        }
        if (t.accept("COLUMN")) {
            a.kind = Alter::RenameColumn;
            a.column = t.identifier();
            t.accept("TO");
            a.definition.info.name = t.identifier();
            s.alterations.push_back(std::move(a));
            return !s.alterations.back().column.empty() && !s.alterations.back().definition.info.name.empty();
        }
        if (!t.accept("TO"))
            t.accept("AS");
        a.kind = Alter::RenameTable;
        if (!tableName(t, a.newName)) {
            s.problem = "RENAME without a new table name";
            return false;
        }
        s.alterations.push_back(std::move(a));
        return true;
    }
    if (t.accept("CONVERT")) {
        t.accept("TO");
        a.kind = Alter::ConvertCharset;
        if (!charsetOption(t, a.charset)) {
            s.problem = "CONVERT without a character set";
            return false;
        }
        charsetOption(t, a.charset); // COLLATE after CHARACTER SET
        s.alterations.push_back(std::move(a));
        return true;
    }
    std::string charset;
    if (charsetOption(t, charset)) {
        a.kind = Alter::DefaultCharset;
        a.charset = charset;
        s.alterations.push_back(std::move(a));
        t.skipClause();
        return true;
    }
    // Clauses that change no column, key or name: skipped as a whole.
    static const char *const harmless[] = {
        "ALTER", "ENGINE", "AUTO_INCREMENT", "COMMENT", "ROW_FORMAT", "KEY_BLOCK_SIZE", "ALGORITHM", "LOCK", "FORCE",
        "ORDER", "ENABLE", "DISABLE", "DISCARD", "IMPORT", "AVG_ROW_LENGTH", "CHECKSUM", "TABLE_CHECKSUM",
        "MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES",
        "DELAY_KEY_WRITE", "PAGE_CHECKSUM", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "TRANSACTIONAL",
        "ENCRYPTED", "ENCRYPTION", "ENCRYPTION_KEY_ID", "IETF_QUOTES", "INSERT_METHOD", "UNION", "DATA", "INDEX",
        "CONNECTION", "PASSWORD", "COMPRESSION", "TABLESPACE", "STORAGE", "PARTITION", "COALESCE", "REORGANIZE",
        "EXCHANGE", "ANALYZE", "CHECK", "OPTIMIZE", "REBUILD", "REPAIR", "TRUNCATE", "REMOVE", "UPGRADE",
        "WITH", "WITHOUT", "SEQUENCE"};
    for (const char *word : harmless)
        if (t.isWord(word)) {
            t.skipClause();
            return true;
        }
    s.problem = "the ALTER TABLE clause starting with \"" + t.peek().text + "\"";
    return false;
}

DdlStatement alterTable(SqlTokens &t)
{
    DdlStatement s;
    s.kind = Kind::AlterTable;
    bool ifExists = false;
    skipIfExists(t, ifExists);
    DdlTableName name;
    if (!tableName(t, name))
        return unknown("ALTER TABLE without a table name");
    s.tables.push_back(name);
    if (t.accept("WAIT"))
        t.take();
    t.accept("NOWAIT");
    while (!t.atEnd()) {
        if (t.acceptSymbol(',') || t.acceptSymbol(';'))
            continue;
        if (!alterClause(t, s))
            return unknown(s.problem.empty() ? "an ALTER TABLE clause" : s.problem, &name);
        if (!t.atEnd() && !t.isSymbol(',') && !t.isSymbol(';'))
            return unknown("an ALTER TABLE clause that goes on with \"" + t.peek().text + "\"", &name);
    }
    return s;
}

DdlStatement tableList(SqlTokens &t, Kind kind)
{
    DdlStatement s;
    s.kind = kind;
    bool ifExists = false;
    skipIfExists(t, ifExists);
    do {
        DdlTableName name;
        if (!tableName(t, name))
            return unknown("a table list without a table name");
        s.tables.push_back(name);
        if (kind == Kind::RenameTables) {
            if (t.accept("WAIT"))
                t.take();
            t.accept("NOWAIT");
            if (!t.accept("TO") || !tableName(t, name))
                return unknown("RENAME TABLE without TO");
            s.tables.push_back(name);
        }
    } while (t.acceptSymbol(','));
    return s;
}

DdlStatement database(SqlTokens &t, Kind kind)
{
    DdlStatement s;
    s.kind = kind;
    skipIfExists(t, s.ifNotExists);
    s.database = t.identifier();
    while (!t.atEnd())
        if (!charsetOption(t, s.charset))
            t.take();
    return s;
}

} // namespace

DdlStatement parse(std::string_view sql)
{
    SqlTokens t(sql);
    if (t.accept("CREATE")) {
        const bool orReplace = t.isWord("OR") && t.isWord("REPLACE", 1);
        if (orReplace) {
            t.take();
            t.take();
        }
        const bool temporary = t.accept("TEMPORARY");
        if (t.accept("TABLE"))
            return createTable(t, orReplace, temporary);
        if (t.accept("DATABASE") || t.accept("SCHEMA"))
            return database(t, Kind::CreateDatabase);
        return DdlStatement(); // CREATE INDEX, VIEW, TRIGGER, USER...: no column changes
    }
    if (t.accept("ALTER")) {
        t.accept("ONLINE");
        t.accept("IGNORE");
        if (t.accept("TABLE"))
            return alterTable(t);
        if (t.accept("DATABASE") || t.accept("SCHEMA"))
            return database(t, Kind::AlterDatabase);
        return DdlStatement();
    }
    if (t.accept("DROP")) {
        const bool temporary = t.accept("TEMPORARY");
        if (t.accept("TABLE")) {
            DdlStatement s = tableList(t, Kind::DropTables);
            s.temporary = temporary;
            return s;
        }
        if (t.accept("DATABASE") || t.accept("SCHEMA"))
            return database(t, Kind::DropDatabase);
        if (t.accept("INDEX")) { // DROP INDEX `PRIMARY` ON t
            bool ifExists = false;
            skipIfExists(t, ifExists);
            const std::string index = t.identifier();
            DdlStatement s;
            DdlTableName name;
            if (index == "PRIMARY" && t.accept("ON") && tableName(t, name)) {
                s.kind = Kind::AlterTable;
                s.tables.push_back(name);
                s.alterations.push_back({DdlAlteration::Kind::DropPrimaryKey, {}, {}, false, {}, false, {}, {}, {}});
            }
            return s;
        }
        return DdlStatement();
    }
    if (t.accept("RENAME")) {
        if (t.accept("TABLE") || t.accept("TABLES"))
            return tableList(t, Kind::RenameTables);
        return DdlStatement();
    }
    if (t.accept("TRUNCATE")) {
        t.accept("TABLE");
        return tableList(t, Kind::Truncate);
    }
    return DdlStatement();
}

} // namespace flowdeck::ddlparser
