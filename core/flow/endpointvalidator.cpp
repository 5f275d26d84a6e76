#include "core/flow/endpointvalidator.h"

#include "core/flow/flowvocabulary.h"
#include "core/kafka/kafkapropertypolicy.h"

#include <algorithm>
#include <set>
#include <vector>

namespace flowdeck {

namespace vocab = vocabulary;
using Json = nlohmann::json;

namespace {

/// The keys of one endpoint type: those allowed in both roles, and those of one role only.
struct EndpointKeys
{
    std::string_view type;
    std::vector<std::string_view> common;
    std::vector<std::string_view> sourceOnly;
    std::vector<std::string_view> destinationOnly;
};

const std::array<EndpointKeys, 3> &endpointKeys()
{
    static const std::array<EndpointKeys, 3> keys = {{
        {"file", {"type", "path", "format", "csv"}, {}, {"gzip", "roll"}},
        {"mysql", {"type", "connection", "table"}, {"tables", "read", "chunkSize"}, {"write", "include"}},
        {"kafka", {"type", "brokers", "protocol", "properties", "allowUnsafeProperties", "topic"}, {"group", "startFrom"},
         {"partition", "createTopics", "debezium", "tidbExtension"}},
    }};
    static_assert(vocab::kEndpointTypes.size() == 3, "every endpoint type needs its keys here");
    return keys;
}

const EndpointKeys *keysOf(const std::string &type)
{
    for (const auto &k : endpointKeys())
        if (k.type == type)
            return &k;
    return nullptr;
}

std::vector<std::string_view> allowedKeys(const EndpointKeys &k, EndpointRole role)
{
    std::vector<std::string_view> allowed = k.common;
    const auto &own = role == EndpointRole::Source ? k.sourceOnly : k.destinationOnly;
    allowed.insert(allowed.end(), own.begin(), own.end());
    return allowed;
}

bool contains(const std::vector<std::string_view> &list, const std::string &word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

constexpr std::array<std::string_view, 8> kConnectionKeys = {
    "host", "port", "user", "password", "database", "tls", "socket", "connectTimeout"};
constexpr std::array<std::string_view, 6> kWriteKeys = {
    "mode", "key", "createTable", "addColumns", "versionColumn", "batchRows"};
constexpr std::array<std::string_view, 3> kCsvKeys = {"header", "delimiter", "quote"};
constexpr std::array<std::string_view, 3> kRollKeys = {"rows", "bytes", "seconds"};
constexpr std::array<std::string_view, 2> kCreateTopicsKeys = {"partitions", "replicationFactor"};

/// The format a file's name implies, or "" ("exports/*.csv" is csv).
std::string formatFromExtension(const std::string &path)
{
    auto endsWith = [&](std::string_view ext) {
        return path.size() > ext.size() &&
               std::equal(ext.rbegin(), ext.rend(), path.rbegin(),
                          [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b); });
    };
    if (endsWith(".gz"))
        return formatFromExtension(path.substr(0, path.size() - 3)); // a gzip destination: out.csv.gz
    if (endsWith(".csv") || endsWith(".tsv"))
        return "csv"; // FileSource reads .tsv with a tab delimiter
    if (endsWith(".jsonl") || endsWith(".ndjson"))
        return "jsonl";
    return {};
}

} // namespace

EndpointValidator::EndpointValidator(FlowChecker &checker, EndpointRole role)
    : m_checker(checker)
    , m_role(role)
{
}

void EndpointValidator::validate(Json &endpoint, const std::string &path)
{
    if (!m_checker.isObject(endpoint, path))
        return;
    std::string type;
    if (Json *t = m_checker.require(endpoint, path, "type", "one of " + FlowChecker::joined(vocab::kEndpointTypes)))
        if (const std::string *w = m_checker.word(*t, FlowChecker::child(path, "type"), "type", vocab::kEndpointTypes))
            type = *w;

    if (const EndpointKeys *keys = keysOf(type)) {
        const auto allowed = allowedKeys(*keys, m_role);
        m_checker.checkKeys(endpoint, path, allowed, [&](const std::string &key) { return keyHint(type, key); });
    } else {
        // Without a known type, only keys no endpoint type has are certainly wrong.
        std::vector<std::string_view> any;
        for (const auto &k : endpointKeys())
            for (auto key : allowedKeys(k, m_role))
                if (!contains(any, std::string(key)))
                    any.push_back(key);
        m_checker.checkKeys(endpoint, path, any, [&](const std::string &key) { return keyHint({}, key); });
    }

    if (type == "file")
        file(endpoint, path);
    else if (type == "mysql")
        mysql(endpoint, path);
    else if (type == "kafka")
        kafka(endpoint, path);
}

std::string EndpointValidator::keyHint(const std::string &type, const std::string &key) const
{
    const bool source = m_role == EndpointRole::Source;
    const std::string otherRole = source ? "destination" : "source";
    if (const EndpointKeys *keys = keysOf(type)) {
        if (contains(source ? keys->destinationOnly : keys->sourceOnly, key))
            return '\'' + key + "' is only allowed in a " + otherRole;
    }
    // Another type's key: in this role ("topic" in a file source), or only in the other role
    // ("write" in a file source: only a mysql destination has it).
    for (const auto &k : endpointKeys())
        if (k.type != type && contains(allowedKeys(k, m_role), key))
            return '\'' + key + "' belongs to a " + std::string(k.type) + " endpoint" +
                   (type.empty() ? std::string() : ", this one is " + type);
    for (const auto &k : endpointKeys())
        if (contains(allowedKeys(k, source ? EndpointRole::Destination : EndpointRole::Source), key))
            return '\'' + key + "' is only allowed in a " + std::string(k.type) + ' ' + otherRole;
    return {};
}

void EndpointValidator::file(Json &endpoint, const std::string &path)
{
    const std::string *file = nullptr;
    if (Json *p = m_checker.require(endpoint, path, "path", "the file to read or write"))
        file = m_checker.string(*p, FlowChecker::child(path, "path"));
    const bool destination = m_role == EndpointRole::Destination;
    const bool folder = file && !file->empty() && file->back() == '/';
    if (file && destination && file->find_first_of("*?") != std::string::npos)
        m_checker.problem(FlowChecker::child(path, "path"),
                          "a destination is one file or a folder ending in '/', not a pattern like '" + *file + '\'');
    if (destination)
        fileDestination(endpoint, path, folder);

    std::string format;
    if (Json *f = FlowChecker::find(endpoint, "format")) {
        if (const std::string *w = m_checker.word(*f, FlowChecker::child(path, "format"), "format", vocab::kFileFormats))
            format = *w;
    } else if (file && folder) {
        m_checker.problem(FlowChecker::child(path, "format"),
                          "required for a folder (expected one of " + FlowChecker::joined(vocab::kFileFormats) + ')');
    } else if (file) {
        format = formatFromExtension(*file);
        if (format.empty())
            m_checker.problem(FlowChecker::child(path, "format"),
                              "required: cannot tell the format from '" + *file + "' (expected one of " +
                                  FlowChecker::joined(vocab::kFileFormats) + ')');
        else
            endpoint["format"] = format; // the engine reads the format, never the extension
    }

    if (Json *csv = FlowChecker::find(endpoint, "csv")) {
        if (!format.empty() && format != "csv")
            m_checker.problem(FlowChecker::child(path, "csv"), "only allowed when the format is csv, not " + format);
        else
            csvOptions(*csv, FlowChecker::child(path, "csv"));
    }
}

void EndpointValidator::fileDestination(Json &endpoint, const std::string &path, bool folder)
{
    if (Json *g = FlowChecker::find(endpoint, "gzip"))
        m_checker.isBoolean(*g, FlowChecker::child(path, "gzip"));
    Json *roll = FlowChecker::find(endpoint, "roll");
    if (!roll)
        return;
    const std::string at = FlowChecker::child(path, "roll");
    if (!folder) {
        m_checker.problem(at, "only allowed when path is a folder (ending in '/')");
        return;
    }
    if (!m_checker.isObject(*roll, at))
        return;
    m_checker.checkKeys(*roll, at, kRollKeys);
    bool any = false;
    for (std::string_view key : kRollKeys)
        if (Json *n = FlowChecker::find(*roll, key)) {
            any = true;
            m_checker.integer(*n, FlowChecker::child(at, key), 1);
        }
    if (!any)
        m_checker.problem(at, "give at least one of rows, bytes, seconds");
}

void EndpointValidator::csvOptions(Json &csv, const std::string &path)
{
    if (!m_checker.isObject(csv, path))
        return;
    m_checker.checkKeys(csv, path, kCsvKeys);
    if (Json *h = FlowChecker::find(csv, "header"))
        m_checker.isBoolean(*h, FlowChecker::child(path, "header"));
    char chars[2] = {0, 0};
    const char *names[2] = {"delimiter", "quote"};
    for (int i = 0; i < 2; ++i) {
        Json *c = FlowChecker::find(csv, names[i]);
        if (!c)
            continue;
        const std::string where = FlowChecker::child(path, names[i]);
        const std::string *s = m_checker.string(*c, where);
        if (!s)
            continue;
        if (*s == "\\t")
            *c = "\t"; // a tab spelled out with a backslash, as people type it
        const std::string &text = c->get_ref<const std::string &>();
        const unsigned char ch = text.size() == 1 ? static_cast<unsigned char>(text[0]) : 0;
        if (text.size() != 1 || ch >= 0x80 || ch == '\n' || ch == '\r')
            m_checker.problem(where, "must be a single ASCII character (or \"\\t\" for a tab), got " +
                                         FlowChecker::describe(*c));
        else
            chars[i] = text[0];
    }
    if (chars[0] && chars[0] == chars[1])
        m_checker.problem(FlowChecker::child(path, "quote"), "must differ from the delimiter");
}

void EndpointValidator::mysql(Json &endpoint, const std::string &path)
{
    if (Json *c = m_checker.require(endpoint, path, "connection", "an object with host, port, user, password, database"))
        connection(*c, FlowChecker::child(path, "connection"));

    Json *table = FlowChecker::find(endpoint, "table");
    if (m_role == EndpointRole::Source) {
        Json *tables = FlowChecker::find(endpoint, "tables");
        if (table && tables)
            m_checker.problem(path, "give either 'table' or 'tables', not both");
        else if (!table && !tables)
            m_checker.problem(FlowChecker::child(path, "table"),
                              "required (or 'tables', a list of patterns like \"tpcc.*\")");
        if (table)
            m_checker.string(*table, FlowChecker::child(path, "table"));
        if (tables && m_checker.isArray(*tables, FlowChecker::child(path, "tables"))) {
            if (tables->empty())
                m_checker.problem(FlowChecker::child(path, "tables"), "must not be empty");
            for (std::size_t i = 0; i < tables->size(); ++i)
                m_checker.string((*tables)[i], FlowChecker::index(FlowChecker::child(path, "tables"), i));
        }
        if (Json *read = FlowChecker::find(endpoint, "read"))
            m_checker.word(*read, FlowChecker::child(path, "read"), "read mode", vocab::kMysqlReadModes);
        if (Json *chunk = FlowChecker::find(endpoint, "chunkSize"))
            m_checker.integer(*chunk, FlowChecker::child(path, "chunkSize"), 1, 1000000);
        return;
    }

    if (!table)
        m_checker.problem(FlowChecker::child(path, "table"), "required (a table name, or a template like \"{table}\")");
    else if (const std::string *t = m_checker.string(*table, FlowChecker::child(path, "table")))
        m_checker.placeholders(*t, FlowChecker::child(path, "table"), kTemplatePlaceholders);
    if (Json *include = FlowChecker::find(endpoint, "include"))
        includePatterns(*include, table, FlowChecker::child(path, "include"));
    if (Json *w = m_checker.require(endpoint, path, "write",
                                    "an object with at least \"mode\": one of " + FlowChecker::joined(vocab::kWriteModes)))
        write(*w, FlowChecker::child(path, "write"));
}

void EndpointValidator::includePatterns(Json &include, const Json *table, const std::string &path)
{
    if (!table || !table->is_string() || table->get<std::string>().find('{') == std::string::npos)
        m_checker.problem(path, "only for a table template such as \"{table}\" (it chooses which source tables the flow writes)");
    if (!m_checker.isArray(include, path))
        return;
    if (include.empty())
        m_checker.problem(path, "must not be empty (leave it out to write every source table)");
    for (std::size_t i = 0; i < include.size(); ++i) {
        const std::string at = FlowChecker::index(path, i);
        if (const std::string *p = m_checker.string(include[i], at); p && (p->find('.') == std::string::npos || p->front() == '.'
                                                                           || p->back() == '.'))
            m_checker.problem(at, "must be a \"schema.table\" pattern (globs * and ?), such as \"shop.*\"");
    }
}

void EndpointValidator::connection(Json &c, const std::string &path)
{
    if (!m_checker.isObject(c, path))
        return;
    m_checker.checkKeys(c, path, kConnectionKeys);
    auto at = [&](std::string_view key) { return FlowChecker::child(path, key); };
    Json *host = FlowChecker::find(c, "host");
    Json *socket = FlowChecker::find(c, "socket");
    if (!host && !socket)
        m_checker.problem(at("host"), "required (or a 'socket')");
    if (host)
        m_checker.string(*host, at("host"));
    if (socket)
        m_checker.string(*socket, at("socket"));
    if (Json *port = FlowChecker::find(c, "port"))
        m_checker.integer(*port, at("port"), 1, 65535);
    if (Json *user = m_checker.require(c, path, "user", "the account to connect as"))
        m_checker.string(*user, at("user"));
    if (Json *password = FlowChecker::find(c, "password"); password && !password->is_string())
        m_checker.problem(at("password"), "expected a string"); // never quote a password, even a wrong one
    if (Json *database = FlowChecker::find(c, "database"))
        m_checker.string(*database, at("database"));
    if (Json *tls = FlowChecker::find(c, "tls"))
        this->tls(*tls, at("tls"));
    if (Json *timeout = FlowChecker::find(c, "connectTimeout"))
        m_checker.integer(*timeout, at("connectTimeout"), 1, 3600); // seconds
}

void EndpointValidator::tls(Json &tls, const std::string &path)
{
    if (!tls.is_object()) {
        m_checker.word(tls, path, "TLS mode", vocab::kTlsModes);
        return;
    }
    // {"mode": "verify" (the default here), "ca": "/path/ca.pem", "cert": ..., "key": ...}
    static constexpr std::array<std::string_view, 4> kTlsKeys = {"mode", "ca", "cert", "key"};
    m_checker.checkKeys(tls, path, kTlsKeys);
    const std::string *mode = nullptr;
    if (Json *m = FlowChecker::find(tls, "mode"))
        mode = m_checker.word(*m, FlowChecker::child(path, "mode"), "TLS mode", vocab::kTlsModes);
    bool files = false;
    for (std::string_view key : {"ca", "cert", "key"}) {
        Json *file = FlowChecker::find(tls, key);
        if (!file)
            continue;
        files = true;
        const std::string where = FlowChecker::child(path, key);
        if (const std::string *p = m_checker.string(*file, where); p && !p->starts_with('/'))
            m_checker.problem(where, "must be an absolute path to a PEM file, not '" + *p + '\'');
    }
    if (bool(FlowChecker::find(tls, "cert")) != bool(FlowChecker::find(tls, "key")))
        m_checker.problem(path, "give both 'cert' and 'key' (the client certificate and its private key), or neither");
    if (mode && *mode == "disabled" && files)
        m_checker.problem(FlowChecker::child(path, "mode"), "is \"disabled\" but certificate files are given");
}

void EndpointValidator::write(Json &w, const std::string &path)
{
    if (!m_checker.isObject(w, path))
        return;
    m_checker.checkKeys(w, path, kWriteKeys);
    auto at = [&](std::string_view key) { return FlowChecker::child(path, key); };
    if (Json *mode = m_checker.require(w, path, "mode", "one of " + FlowChecker::joined(vocab::kWriteModes)))
        m_checker.word(*mode, at("mode"), "mode", vocab::kWriteModes);
    if (Json *key = FlowChecker::find(w, "key"); key && m_checker.isArray(*key, at("key"))) {
        if (key->empty())
            m_checker.problem(at("key"), "must not be empty; omit it to use the table's primary key");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < key->size(); ++i) {
            const std::string where = FlowChecker::index(at("key"), i);
            if (const std::string *column = m_checker.string((*key)[i], where); column && !seen.insert(*column).second)
                m_checker.problem(where, "column '" + *column + "' is listed twice");
        }
    }
    for (std::string_view flag : {"createTable", "addColumns"})
        if (Json *b = FlowChecker::find(w, flag))
            m_checker.isBoolean(*b, at(flag));
    if (Json *version = FlowChecker::find(w, "versionColumn")) {
        // "name", or {"name": "version", "from": "column" | "commitTime"} (ReplicaVersion).
        if (version->is_object()) {
            static constexpr std::array<std::string_view, 2> kVersionKeys = {"name", "from"};
            static constexpr std::array<std::string_view, 2> kVersionFrom = {"column", "commitTime"};
            const std::string path = at("versionColumn");
            m_checker.checkKeys(*version, path, kVersionKeys);
            if (Json *name = m_checker.require(*version, path, "name", "the version column"))
                m_checker.string(*name, FlowChecker::child(path, "name"));
            if (Json *from = FlowChecker::find(*version, "from"))
                m_checker.word(*from, FlowChecker::child(path, "from"), "version source", kVersionFrom);
        } else {
            m_checker.string(*version, at("versionColumn"));
        }
    }
    if (Json *rows = FlowChecker::find(w, "batchRows"))
        m_checker.integer(*rows, at("batchRows"), 1, 100000);
}

void EndpointValidator::kafkaProtocolOptions(Json &endpoint, const std::string &path)
{
    auto at = [&](std::string_view key) { return FlowChecker::child(path, key); };
    const Json *protocolValue = FlowChecker::find(endpoint, "protocol");
    const std::string protocol = protocolValue && protocolValue->is_string() ? protocolValue->get<std::string>() : "json";
    if (Json *tidb = FlowChecker::find(endpoint, "tidbExtension")) {
        if (m_checker.isBoolean(*tidb, at("tidbExtension")) && protocol != "canal-json")
            m_checker.problem(at("tidbExtension"), "only for protocol canal-json");
    }
    Json *debezium = FlowChecker::find(endpoint, "debezium");
    if (!debezium || !m_checker.isObject(*debezium, at("debezium")))
        return;
    const std::string dz = at("debezium");
    if (protocol != "debezium-json")
        m_checker.problem(dz, "only for protocol debezium-json");
    m_checker.checkKeys(*debezium, dz, kDebeziumKeys);
    for (std::string_view key : {"schemas", "tombstones"})
        if (Json *b = FlowChecker::find(*debezium, key))
            m_checker.isBoolean(*b, FlowChecker::child(dz, key));
    for (std::string_view key : {"serverName", "schemaChangesTopic"})
        if (Json *t = FlowChecker::find(*debezium, key))
            m_checker.string(*t, FlowChecker::child(dz, key));
    if (Json *id = FlowChecker::find(*debezium, "serverId"))
        m_checker.integer(*id, FlowChecker::child(dz, "serverId"), 0, 4294967295LL);
    if (Json *d = FlowChecker::find(*debezium, "decimalHandling"))
        m_checker.word(*d, FlowChecker::child(dz, "decimalHandling"), "decimal handling", kDecimalHandling);
}

void EndpointValidator::kafka(Json &endpoint, const std::string &path)
{
    auto at = [&](std::string_view key) { return FlowChecker::child(path, key); };
    if (Json *brokers = m_checker.require(endpoint, path, "brokers", "\"host:9092,host2:9092\" or \"embedded\""))
        checkBrokers(m_checker, *brokers, at("brokers"));
    if (Json *protocol = FlowChecker::find(endpoint, "protocol"))
        m_checker.word(*protocol, at("protocol"), "protocol", vocab::kKafkaProtocols);
    bool allowUnsafe = false;
    if (Json *unsafe = FlowChecker::find(endpoint, "allowUnsafeProperties"); unsafe && m_checker.isBoolean(*unsafe, at("allowUnsafeProperties")))
        allowUnsafe = unsafe->get<bool>();
    if (Json *props = FlowChecker::find(endpoint, "properties"); props && m_checker.isObject(*props, at("properties")))
        kafkaProperties(*props, at("properties"), allowUnsafe);

    Json *topic = FlowChecker::find(endpoint, "topic");
    if (m_role == EndpointRole::Destination) {
        if (!topic)
            m_checker.problem(at("topic"), "required (a topic name, or a template like \"{schema}.{table}\")");
        else if (const std::string *t = m_checker.string(*topic, at("topic")))
            m_checker.placeholders(*t, at("topic"), kTemplatePlaceholders);
        if (Json *partition = FlowChecker::find(endpoint, "partition")) {
            const std::string *p = m_checker.string(*partition, at("partition"));
            const bool columns = p && p->starts_with("columns:");
            bool ok = p && (columns || std::find(kPartitionStrategies.begin(), kPartitionStrategies.end(), *p) !=
                                               kPartitionStrategies.end());
            if (columns) {
                const std::string list = p->substr(8);
                ok = !list.empty() && list.front() != ',' && list.back() != ',' && list.find(",,") == std::string::npos;
            }
            if (p && !ok)
                m_checker.problem(at("partition"), "unknown partition strategy '" + *p + "' (expected one of " +
                                                       FlowChecker::joined(kPartitionStrategies) +
                                                       ", or columns:a,b)");
        }
        kafkaProtocolOptions(endpoint, path);
        if (Json *create = FlowChecker::find(endpoint, "createTopics"); create && m_checker.isObject(*create, at("createTopics"))) {
            m_checker.checkKeys(*create, at("createTopics"), kCreateTopicsKeys);
            for (std::string_view key : kCreateTopicsKeys)
                if (Json *n = FlowChecker::find(*create, key))
                    m_checker.integer(*n, FlowChecker::child(at("createTopics"), key), 1);
        }
        return;
    }

    if (!topic) {
        m_checker.problem(at("topic"), "required (a topic, a list of topics, or a \"^regex\")");
    } else if (topic->is_array()) {
        if (topic->empty())
            m_checker.problem(at("topic"), "must not be empty");
        for (std::size_t i = 0; i < topic->size(); ++i) {
            const std::string where = FlowChecker::index(at("topic"), i);
            if (const std::string *t = m_checker.string((*topic)[i], where); t && t->starts_with('^'))
                m_checker.regex((*topic)[i], where);
        }
    } else if (!topic->is_string()) {
        m_checker.problem(at("topic"), "expected a string or an array of strings, got " + FlowChecker::describe(*topic));
    } else if (const std::string *t = m_checker.string(*topic, at("topic")); t && t->starts_with('^')) {
        m_checker.regex(*topic, at("topic"));
    }
    if (Json *group = FlowChecker::find(endpoint, "group"))
        m_checker.string(*group, at("group"));
    if (Json *start = FlowChecker::find(endpoint, "startFrom"))
        m_checker.word(*start, at("startFrom"), "start position", vocab::kKafkaStartFrom);
}

void EndpointValidator::kafkaProperties(const Json &props, const std::string &path, bool allowUnsafe)
{
    const KafkaClientRole role = m_role == EndpointRole::Source ? KafkaClientRole::Consumer : KafkaClientRole::Producer;
    for (const auto &[key, value] : props.items()) {
        const std::string where = FlowChecker::child(path, key);
        // librdkafka takes every property as text; nested values have no meaning there. The
        // value itself is never quoted: it may be a password.
        if (!value.is_string() && !value.is_number() && !value.is_boolean())
            m_checker.problem(where, "expected a string, number or boolean, got " +
                                         (KafkaPropertyPolicy::isSecret(key) ? std::string("another type")
                                                                             : FlowChecker::describe(value)));
        if (const std::string why = KafkaPropertyPolicy::refusal(key, role, allowUnsafe); !why.empty())
            m_checker.problem(where, why);
    }
}

void EndpointValidator::checkBrokers(FlowChecker &checker, const Json &value, const std::string &path)
{
    const std::string *list = checker.string(value, path);
    if (!list || *list == "embedded")
        return;
    std::size_t start = 0;
    while (start <= list->size()) {
        std::size_t end = list->find(',', start);
        if (end == std::string::npos)
            end = list->size();
        const std::string broker = list->substr(start, end - start);
        const std::size_t colon = broker.rfind(':');
        bool ok = !broker.empty() && broker.find(' ') == std::string::npos && colon != 0;
        if (ok && colon != std::string::npos) {
            Json port = broker.substr(colon + 1);
            FlowChecker scratch; // the port's own wording would be confusing here
            ok = scratch.integer(port, path, 1, 65535).has_value();
        }
        if (!ok) {
            checker.problem(path, "'" + broker + "' is not a broker address (expected host:port, several "
                                                 "separated by commas, or \"embedded\")");
            return;
        }
        start = end + 1;
    }
}

} // namespace flowdeck
