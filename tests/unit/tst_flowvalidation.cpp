#include "tests/common/testsupport.h"
#include "core/flow/flow.h"

#include <QTest>

#include <fstream>

using namespace flowdeck;
using nlohmann::json;
using namespace Qt::Literals::StringLiterals;

namespace {

/// JSON as text, for QCOMPARE (which cannot print or compare nlohmann::json itself).
QString dumped(const json &value)
{
    return QString::fromStdString(value.dump());
}

/// The example of docs/flow-file.md, which every row below modifies.
json designExample()
{
    std::ifstream in(test::dataPath("flows/valid/salesforce-accounts-to-tidb.flow.json"));
    return json::parse(in);
}

/// No variable is set: rows that need one spell out a default.
EnvLookup emptyEnvironment()
{
    return [](const std::string &) -> std::optional<std::string> { return std::nullopt; };
}

QStringList problemsOf(const json &doc)
{
    try {
        flowFromJson(doc, emptyEnvironment());
    } catch (const FlowError &e) {
        QStringList out;
        for (const auto &p : e.problems())
            out << QString::fromStdString(p.toString());
        return out;
    }
    return {};
}

void row(const char *name, const char *patch, std::initializer_list<const char *> expected)
{
    QStringList problems;
    for (const char *p : expected)
        problems << QString::fromUtf8(p);
    QTest::newRow(name) << QString::fromUtf8(patch) << problems;
}

} // namespace

class TestFlowValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void problems_data();
    void problems();
    void everyProblemIsReported();
    void validateFlowNeedsNoEnvironment();
    void normalisedForTheEngine();
};

// Each row applies a JSON merge patch (RFC 7396: null deletes a key) to the design example.
void TestFlowValidation::problems_data()
{
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QStringList>("expected");

    // --- top level
    row("design example as is", "{}", {});
    row("not an object", "[]", {"a flow file must contain a JSON object, got an array"});
    row("top-level typo", R"({"destinaton": {}})", {"destinaton: unknown key 'destinaton' (did you mean 'destination'?)"});
    row("top-level unknown", R"({"owner": "me"})",
        {"owner: unknown key 'owner' (expected one of flowdeck, name, description, source, destination, mapping, "
         "filters, trigger, errorHandling)"});
    row("version missing", R"({"flowdeck": null})", {"flowdeck: required (the format version: 1)"});
    row("version newer hides the rest", R"({"flowdeck": 2, "owner": 1, "name": null})",
        {"flowdeck: this file needs a newer Flowdeck (format 2, this one reads 1)"});
    row("version zero", R"({"flowdeck": 0})", {"flowdeck: unknown format version 0 (this Flowdeck reads 1)"});
    row("version as text", R"({"flowdeck": "1"})", {});
    row("version not a number", R"({"flowdeck": "one"})", {"flowdeck: expected an integer, got 'one'"});
    row("name missing", R"({"name": null})", {"name: required (a short name for the flow)"});
    row("name empty", R"({"name": ""})", {"name: must not be empty"});
    row("name too long", R"({"name": "12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678x"})",
        {"name: must be at most 128 characters, got 129"});
    row("name of 128 characters, 256 bytes", R"({"name": "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"})",
        {});
    row("name with slash", R"({"name": "a/b"})", {"name: must not contain '/'"});
    row("name with line break", R"({"name": "a\nb"})", {"name: must not contain control characters (line breaks, tabs...)"});
    row("name not text", R"({"name": 5})", {"name: expected a string, got 5"});
    row("description not text", R"({"description": ["x"]})", {"description: expected a string, got an array"});
    row("source missing", R"({"source": null})",
        {"source: required (an object with a \"type\": one of file, mysql, kafka)"});

    // --- endpoints
    row("endpoint type unknown", R"({"source": {"type": "postgres"}})",
        {"source.type: unknown type 'postgres' (expected one of file, mysql, kafka)"});
    row("endpoint type missing", R"({"source": {"type": null}})", {"source.type: required (one of file, mysql, kafka)"});
    row("endpoint not an object", R"({"destination": "db"})", {"destination: expected an object, got 'db'"});
    row("write in a file source", R"({"source": {"write": {"mode": "insert"}}})",
        {"source.write: unknown key 'write' ('write' is only allowed in a mysql destination)"});
    row("write in a mysql source",
        R"({"source": {"type": "mysql", "path": null, "format": null, "connection": {"host": "h", "user": "u"}, "table": "t", "write": {"mode": "insert"}}})",
        {"source.write: unknown key 'write' ('write' is only allowed in a destination)"});
    row("read in a destination", R"({"destination": {"read": "cdc"}})",
        {"destination.read: unknown key 'read' ('read' is only allowed in a source)"});
    row("tables in a destination", R"({"destination": {"tables": ["a.*"]}})",
        {"destination.tables: unknown key 'tables' ('tables' is only allowed in a source)"});
    row("kafka key in a file", R"({"source": {"topic": "t"}})",
        {"source.topic: unknown key 'topic' ('topic' belongs to a kafka endpoint, this one is file)"});
    row("endpoint key typo", R"({"destination": {"tabel": "x"}})", {"destination.tabel: unknown key 'tabel' (did you mean 'table'?)"});
    row("file path missing", R"({"source": {"path": null}})", {"source.path: required (the file to read or write)"});
    row("file format unknown", R"({"source": {"format": "xml"}})", {"source.format: unknown format 'xml' (expected one of csv, jsonl)"});
    row("file format from extension", R"({"source": {"path": "exports/*.csv", "format": null}})", {});
    row("file format from tsv", R"({"source": {"path": "exports/a.TSV", "format": null}})", {});
    row("file format not guessable", R"({"source": {"path": "a.txt", "format": null}})",
        {"source.format: required: cannot tell the format from 'a.txt' (expected one of csv, jsonl)"});
    row("csv options on jsonl", R"({"source": {"format": "jsonl", "csv": {"header": true}}})",
        {"source.csv: only allowed when the format is csv, not jsonl"});
    row("csv options", R"({"source": {"csv": {"header": "yes", "delimiter": ";;", "quote": "\"", "escape": "\\"}}})",
        {"source.csv.escape: unknown key 'escape' (expected one of header, delimiter, quote)",
         "source.csv.header: expected true or false, got 'yes'",
         "source.csv.delimiter: must be a single ASCII character (or \"\\t\" for a tab), got ';;'"});
    row("csv tab delimiter", R"({"source": {"csv": {"delimiter": "\\t"}}})", {});
    row("csv quote is the delimiter", R"({"source": {"csv": {"delimiter": ",", "quote": ","}}})",
        {"source.csv.quote: must differ from the delimiter"});
    row("destination file pattern",
        R"({"destination": {"type": "file", "path": "out/*.csv", "connection": null, "table": null, "write": null}})",
        {"destination.path: a destination is one file or a folder ending in '/', not a pattern like 'out/*.csv'"});
    row("write mode typo", R"({"destination": {"write": {"mode": "upsrt"}}})",
        {"destination.write.mode: unknown mode 'upsrt' (expected one of insert, update, upsert, replicate)"});
    row("write mode missing", R"({"destination": {"write": {"mode": null}}})",
        {"destination.write.mode: required (one of insert, update, upsert, replicate)"});
    row("write missing", R"({"destination": {"write": null}})",
        {"destination.write: required (an object with at least \"mode\": one of insert, update, upsert, replicate)"});
    row("write key empty", R"({"destination": {"write": {"key": []}}})",
        {"destination.write.key: must not be empty; omit it to use the table's primary key"});
    row("write key twice", R"({"destination": {"write": {"key": ["id", "id"]}}})",
        {"destination.write.key[1]: column 'id' is listed twice"});
    row("write key not a list", R"({"destination": {"write": {"key": "id"}}})",
        {"destination.write.key: expected an array, got 'id'"});
    row("batchRows zero", R"({"destination": {"write": {"batchRows": 0}}})",
        {"destination.write.batchRows: must be between 1 and 100000, got 0"});
    row("batchRows too big", R"({"destination": {"write": {"batchRows": 100001}}})",
        {"destination.write.batchRows: must be between 1 and 100000, got 100001"});
    row("batchRows word", R"({"destination": {"write": {"batchRows": "abc"}}})",
        {"destination.write.batchRows: expected an integer, got 'abc'"});
    row("batchRows fraction", R"({"destination": {"write": {"batchRows": 12.5}}})",
        {"destination.write.batchRows: expected an integer, got 12.5"});
    row("batchRows as text", R"({"destination": {"write": {"batchRows": "${ROWS:-500}"}}})", {});
    row("write flags", R"({"destination": {"write": {"createTable": "yes", "versionColumn": ""}}})",
        {"destination.write.createTable: expected true or false, got 'yes'",
         "destination.write.versionColumn: must not be empty"});
    row("port word", R"({"destination": {"connection": {"port": "40a0"}}})",
        {"destination.connection.port: expected an integer, got '40a0'"});
    row("port range", R"({"destination": {"connection": {"port": 70000}}})",
        {"destination.connection.port: must be between 1 and 65535, got 70000"});
    row("tls mode", R"({"destination": {"connection": {"tls": "on"}}})",
        {"destination.connection.tls: unknown TLS mode 'on' (expected one of disabled, preferred, required, verify)"});
    row("host missing", R"({"destination": {"connection": {"host": null}}})",
        {"destination.connection.host: required (or a 'socket')"});
    row("socket instead of host", R"({"destination": {"connection": {"host": null, "socket": "/run/my.sock"}}})", {});
    row("user missing", R"({"destination": {"connection": {"user": null}}})",
        {"destination.connection.user: required (the account to connect as)"});
    row("connect timeout", R"({"destination": {"connection": {"connectTimeout": "3601"}}})",
        {"destination.connection.connectTimeout: must be between 1 and 3600, got 3601"});
    row("connection typo", R"({"destination": {"connection": {"hots": "x"}}})",
        {"destination.connection.hots: unknown key 'hots' (did you mean 'host'?)"});
    row("connection missing", R"({"destination": {"connection": null}})",
        {"destination.connection: required (an object with host, port, user, password, database)"});
    row("table placeholder typo", R"({"destination": {"table": "{tabel}"}})",
        {"destination.table: unknown placeholder '{tabel}' (expected one of {schema}, {table})"});
    row("table braces", R"({"destination": {"table": "{table"}})",
        {"destination.table: unbalanced braces in '{table' (placeholders are schema, table in braces, like {table})"});
    row("table template", R"({"destination": {"table": "{schema}_{table}"}})", {});
    row("include with a template", R"({"destination": {"table": "{table}", "include": ["shop.*", "crm.acc?unts"]}})", {});
    row("include without a template", R"({"destination": {"include": ["shop.*"]}})",
        {"destination.include: only for a table template such as \"{table}\" (it chooses which source tables the flow writes)"});
    row("include empty", R"({"destination": {"table": "{table}", "include": []}})",
        {"destination.include: must not be empty (leave it out to write every source table)"});
    row("include pattern without a schema", R"({"destination": {"table": "{table}", "include": ["orders", "shop.", 5]}})",
        {"destination.include[0]: must be a \"schema.table\" pattern (globs * and ?), such as \"shop.*\"",
         "destination.include[1]: must be a \"schema.table\" pattern (globs * and ?), such as \"shop.*\"",
         "destination.include[2]: expected a string, got 5"});
    row("include in a source", R"({"source": {"include": ["shop.*"]}})",
        {"source.include: unknown key 'include' ('include' is only allowed in a mysql destination)"});
    row("table missing", R"({"destination": {"table": null}})",
        {"destination.table: required (a table name, or a template like \"{table}\")"});
    row("mysql source table and tables",
        R"({"source": {"type": "mysql", "path": null, "format": null, "connection": {"host": "h", "user": "u"}, "table": "t", "tables": [], "read": "full"}})",
        {"source: give either 'table' or 'tables', not both", "source.tables: must not be empty",
         "source.read: unknown read mode 'full' (expected one of snapshot, cdc, snapshot+cdc)"});
    row("mysql source without table",
        R"({"source": {"type": "mysql", "path": null, "format": null, "connection": {"host": "h", "user": "u"}}})",
        {"source.table: required (or 'tables', a list of patterns like \"tpcc.*\")"});
    row("kafka destination",
        R"({"destination": {"type": "kafka", "connection": null, "table": null, "write": null, "brokers": "h1:abc",
            "protocol": "avro", "topic": "{schema}.{table}", "partition": "random", "createTopics": {"partitions": 0},
            "properties": {"x": {"y": 1}}}})",
        {"destination.brokers: 'h1:abc' is not a broker address (expected host:port, several separated by commas, or \"embedded\")",
         "destination.protocol: unknown protocol 'avro' (expected one of canal-json, debezium-json, json)",
         "destination.properties.x: expected a string, number or boolean, got an object",
         "destination.partition: unknown partition strategy 'random' (expected one of default, index-value, table, ts, key, or columns:a,b)",
         "destination.createTopics.partitions: must be at least 1, got 0"});
    row("kafka destination by columns",
        R"({"destination": {"type": "kafka", "connection": null, "table": null, "write": null, "brokers": "a:9092,b",
            "topic": "t", "partition": "columns:id,region"}})",
        {});
    row("kafka destination topic missing",
        R"({"destination": {"type": "kafka", "connection": null, "table": null, "write": null, "brokers": "embedded"}})",
        {"destination.topic: required (a topic name, or a template like \"{schema}.{table}\")"});
    row("kafka source",
        R"({"source": {"type": "kafka", "path": null, "format": null, "brokers": "embedded", "topic": "^(bad",
            "startFrom": "newest", "partition": "ts"}})",
        {"source.partition: unknown key 'partition' ('partition' is only allowed in a destination)",
         "source.topic: invalid regular expression '^(bad': missing closing parenthesis at offset 5",
         "source.startFrom: unknown start position 'newest' (expected one of earliest, latest, committed)"});
    row("kafka source topics",
        R"({"source": {"type": "kafka", "path": null, "format": null, "topic": []}})",
        {"source.brokers: required (\"host:9092,host2:9092\" or \"embedded\")", "source.topic: must not be empty"});
    row("kafka source topic type",
        R"({"source": {"type": "kafka", "path": null, "format": null, "brokers": "embedded", "topic": 5}})",
        {"source.topic: expected a string or an array of strings, got 5"});

    // --- mapping
    row("mapping empty", R"({"mapping": []})", {"mapping: must not be empty; omit it to map all fields directly"});
    row("mapping not a list", R"({"mapping": {}})", {"mapping: expected an array, got an object"});
    row("mapping entry without source", R"({"mapping": [{"destination": "x"}]})",
        {"mapping[0]: needs a 'source' (the field to copy) or a 'transform'"});
    row("mapping destination twice",
        R"({"mapping": [{"source": "a", "destination": "id"}, {"source": "b", "destination": "name"},
            {"source": "c", "destination": "x"}, {"source": "d", "destination": "name"}]})",
        {"mapping[3].destination: column 'name' is already mapped by mapping[1]"});
    row("mapping destination missing", R"({"mapping": [{"source": "a"}]})",
        {"mapping[0].destination: required (the column or field to write)"});
    row("mapping entry not an object", R"({"mapping": [5]})", {"mapping[0]: expected an object, got 5"});
    row("mapping key typo", R"({"mapping": [{"source": "a", "destination": "b", "transfrom": {}}]})",
        {"mapping[0].transfrom: unknown key 'transfrom' (did you mean 'transform'?)"});
    row("transform op unknown", R"({"mapping": [{"destination": "x", "transform": {"op": "uper", "source": "a"}}]})",
        {"mapping[0].transform.op: unknown operator 'uper' (expected one of rename, concat, mask, truncate, upper, lower, "
         "trim, constant, default, cast, replace, notNull, notEmpty, range, regex)"});
    row("transform op missing", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"to": "text"}}]})",
        {"mapping[0].transform.op: required (one of rename, concat, mask, truncate, upper, lower, trim, constant, "
         "default, cast, replace, notNull, notEmpty, range, regex)"});
    row("cast type unknown",
        R"({"mapping": [{"destination": "x", "source": "a", "transform": [{"op": "trim"}, {"op": "cast", "to": "int"}]}]})",
        {"mapping[0].transform[1].to: unknown type 'int' (expected one of text, integer, decimal, double, boolean, "
         "date, datetime, time)"});
    row("cast type missing", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "cast"}}]})",
        {"mapping[0].transform.to: required (one of text, integer, decimal, double, boolean, date, datetime, time)"});
    row("regex invalid", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "regex", "pattern": "("}}]})",
        {"mapping[0].transform.pattern: invalid regular expression '(': missing closing parenthesis at offset 1"});
    row("replace pattern missing",
        R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "replace", "with": ""}}]})",
        {"mapping[0].transform.pattern: required (a regular expression)"});
    row("concat sources", R"({"mapping": [{"destination": "x", "transform": {"op": "concat"}},
            {"destination": "y", "transform": {"op": "concat", "sources": [], "separator": ""}}]})",
        {"mapping[0].transform.sources: required (an array of field names)", "mapping[1].transform.sources: must not be empty"});
    row("truncate length", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "truncate", "length": "0"}},
            {"destination": "y", "source": "a", "transform": {"op": "truncate"}}]})",
        {"mapping[0].transform.length: must be at least 1, got 0",
         "mapping[1].transform.length: required (the maximum number of characters)"});
    row("mask options", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "mask", "char": "ab", "keepFirst": -1}}]})",
        {"mapping[0].transform.char: must be a single character, got 'ab'",
         "mapping[0].transform.keepFirst: must be at least 0, got -1"});
    row("mask with a non-ASCII character", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "mask", "char": "•"}}]})", {});
    row("range bounds", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "range", "min": 10, "max": "5"}},
            {"destination": "y", "source": "a", "transform": {"op": "range"}},
            {"destination": "z", "source": "a", "transform": {"op": "range", "min": "abc"}}]})",
        {"mapping[0].transform.min: must not be greater than max (10 > 5)",
         "mapping[1].transform: 'range' needs 'min', 'max' or both",
         "mapping[2].transform.min: expected a number, got 'abc'"});
    row("constant and default values",
        R"({"mapping": [{"destination": "x", "transform": {"op": "constant"}},
            {"destination": "y", "source": "a", "transform": {"op": "default", "value": null}},
            {"destination": "z", "transform": {"op": "constant", "value": null}}]})",
        {"mapping[0].transform.value: required", "mapping[1].transform.value: expected a string, number or boolean, got null"});
    row("transform empty", R"({"mapping": [{"destination": "x", "source": "a", "transform": []}]})",
        {"mapping[0].transform: must not be empty; omit it to copy the source unchanged"});
    row("transform not an object", R"({"mapping": [{"destination": "x", "source": "a", "transform": "upper"}]})",
        {"mapping[0].transform: expected an object or an array of objects, got 'upper'"});
    row("transform step not an object", R"({"mapping": [{"destination": "x", "source": "a", "transform": [5]}]})",
        {"mapping[0].transform[0]: expected an object, got 5"});
    row("transform key of another op", R"({"mapping": [{"destination": "x", "source": "a", "transform": {"op": "upper", "to": "text"}}]})",
        {"mapping[0].transform.to: unknown key 'to' ('upper' takes op, source; 'to' belongs to cast)"});
    row("transform without input", R"({"mapping": [{"destination": "x", "transform": [{"op": "upper"}, {"op": "trim"}]}]})",
        {"mapping[0].transform[0]: 'upper' has no input: give it a 'source', or give the mapping entry one"});
    row("rename without source", R"({"mapping": [{"destination": "x", "transform": {"op": "rename"}}]})",
        {"mapping[0].transform.source: required (the field to rename)"});

    // --- filters
    row("filter op unknown", R"({"filters": [{"field": "a", "op": "like", "value": "x"}]})",
        {"filters[0].op: unknown operator 'like' (expected one of eq, neq, lt, lte, gt, gte, between, in, notIn, contains, "
         "startsWith, endsWith, isNull, isNotNull, regex)"});
    row("filter between", R"({"filters": [{"field": "a", "op": "between", "value": [1, 2, 3]}]})",
        {"filters[0].value: expected an array of two values [low, high], got an array"});
    row("filter in empty", R"({"filters": [{"field": "a", "op": "in", "value": []}]})",
        {"filters[0].value: expected a non-empty array of values, got an array"});
    row("filter in element", R"({"filters": [{"field": "a", "op": "notIn", "value": [1, {}]}]})",
        {"filters[0].value[1]: expected a string, number or boolean, got an object"});
    row("filter isNull with value", R"({"filters": [{"field": "a", "op": "isNull", "value": true}]})",
        {"filters[0].value: 'isNull' takes no value"});
    row("filter value missing", R"({"filters": [{"field": "a", "op": "eq"}]})", {"filters[0].value: required for 'eq'"});
    row("filter regex", R"({"filters": [{"field": "a", "op": "regex", "value": "[a-"}]})",
        {"filters[0].value: invalid regular expression '[a-': missing terminating ] for character class at offset 3"});
    row("filter null", R"({"filters": [{"field": "a", "op": "eq", "value": null}]})",
        {"filters[0].value: expected a string, number or boolean, got null (use op isNull to test for null)"});
    row("filter object value", R"({"filters": [{"field": "a", "op": "lt", "value": {}}]})",
        {"filters[0].value: expected a string, number or boolean, got an object"});
    row("filter field missing", R"({"filters": [{"op": "isNull"}]})", {"filters[0].field: required (the field to test)"});
    row("filters not a list", R"({"filters": {}})", {"filters: expected an array, got an object"});

    // --- trigger
    row("trigger type unknown", R"({"trigger": {"type": "cron"}})",
        {"trigger.type: unknown type 'cron' (expected one of onDemand, schedule, continuous)"});
    row("trigger type missing", R"({"trigger": {"type": null}})",
        {"trigger.type: required (one of onDemand, schedule, continuous)"});
    row("schedule without time", R"({"trigger": {"type": "schedule"}})",
        {"trigger: a schedule needs 'every' (like \"15m\") or 'at' (like \"02:30\")"});
    row("schedule with both", R"({"trigger": {"type": "schedule", "every": "1h", "at": "02:00"}})",
        {"trigger: give either 'every' or 'at', not both"});
    row("schedule every", R"({"trigger": {"type": "schedule", "every": "15x"}})",
        {"trigger.every: expected a duration like 30s, 15m, 1h or 1d, got '15x'"});
    row("schedule every zero", R"({"trigger": {"type": "schedule", "every": "0m"}})",
        {"trigger.every: must be a positive duration, got '0m'"});
    row("schedule at", R"({"trigger": {"type": "schedule", "at": "25:00"}})",
        {"trigger.at: expected a time of day HH:MM (00:00 to 23:59), got '25:00'"});
    row("onDemand with every", R"({"trigger": {"every": "1h"}})",
        {"trigger.every: unknown key 'every' ('every' is only allowed when type is 'schedule')"});
    row("incremental", R"({"trigger": {"type": "schedule", "every": "1d", "incremental": {"from": "yesterday"}}})",
        {"trigger.incremental.field: required (the column that grows: an id or a timestamp)",
         "trigger.incremental.from: expected an ISO 8601 timestamp like \"2024-01-31T00:00:00Z\", got 'yesterday'"});
    row("incremental from a date", R"({"trigger": {"type": "schedule", "every": "30s", "incremental": {"field": "id", "from": "2024-05-01"}}})", {});
    row("incremental kafka", R"({"source": {"type": "kafka", "brokers": "k:9092", "topic": "t", "path": null, "format": null},
            "trigger": {"type": "schedule", "every": "1h", "incremental": {"field": "ts"}}})",
        {"trigger.incremental: a kafka source has no watermark column: read a topic with a 'continuous' trigger (its offsets "
         "are the checkpoint)"});
    row("incremental tables", R"({"source": {"type": "mysql", "connection": {"host": "h", "port": 3306, "user": "u", "password": "",
            "database": "d"}, "tables": ["d.*"], "path": null, "format": null},
            "trigger": {"type": "schedule", "every": "1h", "incremental": {"field": "ts"}}})",
        {"trigger.incremental: an incremental flow reads one mysql table: name it in source.table, not source.tables"});
    row("deactivateAfterFailures", R"({"trigger": {"type": "schedule", "every": "1h", "deactivateAfterFailures": 0}})",
        {"trigger.deactivateAfterFailures: must be at least 1, got 0"});

    // --- errorHandling
    row("onError unknown", R"({"errorHandling": {"onError": "ignore"}})",
        {"errorHandling.onError: unknown value 'ignore' (expected one of stop, skip)"});
    row("skip without dead letters", R"({"errorHandling": {"onError": "skip"}})",
        {"errorHandling.deadLetter: required when onError is 'skip' (a JSON Lines file, or {\"topic\": ...})"});
    row("dead letter topic", R"({"errorHandling": {"onError": "skip", "deadLetter": {"brokers": "k:x"}}})",
        {"errorHandling.deadLetter.topic: required (the Kafka topic to write failed records to)",
         "errorHandling.deadLetter.brokers: 'k:x' is not a broker address (expected host:port, several separated by "
         "commas, or \"embedded\")"});
    row("dead letter type", R"({"errorHandling": {"deadLetter": 5}})",
        {"errorHandling.deadLetter: expected a file path or an object {\"topic\": ...}, got 5"});

    // --- environment
    row("unset host", R"({"destination": {"connection": {"host": "${DB_HOST}"}}})",
        {"destination.connection.host: environment variable DB_HOST is not set and has no default (write ${DB_HOST:-default})"});
    row("unset port", R"({"destination": {"connection": {"port": "${DB_PORT}"}}})",
        {"destination.connection.port: environment variable DB_PORT is not set and has no default (write ${DB_PORT:-default})"});
    row("malformed reference", R"({"name": "flow ${X"})", {"name: unterminated '${' (write '$${' for a literal '${')"});
}

void TestFlowValidation::problems()
{
    QFETCH(QString, patch);
    QFETCH(QStringList, expected);
    json doc = designExample();
    doc.merge_patch(json::parse(patch.toStdString()));
    QCOMPARE(problemsOf(doc), expected);
}

void TestFlowValidation::everyProblemIsReported()
{
    // One problem in each of five sections: none may hide another.
    const json doc = json::parse(R"({
        "flowdeck": 1,
        "name": "five problems",
        "source": { "type": "file", "path": "in.csv", "format": "xml" },
        "destination": { "type": "mysql", "connection": { "host": "h", "user": "u" }, "table": "t", "write": { "mode": "upsrt" } },
        "mapping": [],
        "filters": [ { "field": "a", "op": "like", "value": 1 } ],
        "trigger": { "type": "schedule", "every": "soon" }
    })");
    const QStringList problems = problemsOf(doc);
    QCOMPARE(problems.size(), 5);
    const QStringList paths = {u"source.format"_s, u"destination.write.mode"_s, u"mapping"_s, u"filters[0].op"_s,
                              u"trigger.every"_s};
    for (qsizetype i = 0; i < paths.size(); ++i)
        QVERIFY2(problems[i].startsWith(paths[i] + u':'), qPrintable(problems[i]));

    try {
        flowFromJson(doc, emptyEnvironment(), "five.flow.json");
        QFAIL("no FlowError");
    } catch (const FlowError &e) {
        QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("five.flow.json"));
        // what() is the whole report: the file, the count, then one problem per line.
        const QStringList lines = QString::fromUtf8(e.what()).split(u'\n');
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QStringLiteral("five.flow.json: 5 problems:"));
        QCOMPARE(lines[1], u"  " + problems[0]);
    }
}

void TestFlowValidation::validateFlowNeedsNoEnvironment()
{
    // validateFlow() judges an expanded document: "${...}" is just text there.
    json doc = designExample();
    doc["destination"]["connection"]["port"] = 3306;
    QVERIFY(validateFlow(doc).empty());
    doc["destination"]["write"]["mode"] = "upsrt";
    doc["trigger"]["type"] = "cron";
    const auto problems = validateFlow(doc);
    QCOMPARE(problems.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(problems[0].path), QStringLiteral("destination.write.mode"));
    QCOMPARE(QString::fromStdString(problems[1].toString()),
             QStringLiteral("trigger.type: unknown type 'cron' (expected one of onDemand, schedule, continuous)"));
}

void TestFlowValidation::normalisedForTheEngine()
{
    json doc = designExample();
    doc["source"].erase("format");
    doc["destination"]["write"]["batchRows"] = "${ROWS:-250}";
    doc.erase("errorHandling");
    doc["trigger"] = {{"type", "schedule"}, {"every", "1h"}, {"deactivateAfterFailures", "3"}};
    const Flow flow = flowFromJson(doc, emptyEnvironment());
    // Integer strings became numbers, the format came from the extension, defaults are spelled out.
    QCOMPARE(dumped(flow.destination["connection"]["port"]), dumped(json(4000)));
    QCOMPARE(dumped(flow.destination["write"]["batchRows"]), dumped(json(250)));
    QCOMPARE(dumped(flow.trigger["deactivateAfterFailures"]), dumped(json(3)));
    QCOMPARE(dumped(flow.source["format"]), dumped(json("csv")));
    QCOMPARE(dumped(flow.errorHandling), dumped(json({{"onError", "stop"}})));
    QVERIFY(flow.stopOnError());
    // The raw document keeps what was written.
    QCOMPARE(dumped(flow.raw["destination"]["write"]["batchRows"]), dumped(json("${ROWS:-250}")));
    QVERIFY(!flow.raw["source"].contains("format"));
}

QTEST_GUILESS_MAIN(TestFlowValidation)
#include "tst_flowvalidation.moc"
