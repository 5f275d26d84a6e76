#include "core/flow/flow.h"

#include "core/flow/flowchecker.h"
#include "core/flow/flowvalidator.h"
#include "core/flow/secrets.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flowdeck {

using Json = nlohmann::json;

namespace {

std::string errorMessage(const std::string &file, const std::vector<FlowProblem> &problems)
{
    std::string out = file.empty() ? std::string("invalid flow") : file;
    if (problems.size() == 1)
        return out + ": " + problems.front().toString();
    out += ": " + std::to_string(problems.size()) + " problems:";
    for (const auto &p : problems)
        out += "\n  " + p.toString();
    return out;
}

std::string osError(int error)
{
    return std::generic_category().message(error);
}

/// The whole file, or nullopt with `error` set to the OS's reason.
std::optional<std::string> readFile(const std::string &path, std::string &error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = osError(errno);
        return std::nullopt;
    }
    std::string content;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = osError(errno); // EISDIR for a folder
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0)
            break;
        content.append(buffer, std::size_t(n));
    }
    ::close(fd);
    return content;
}

/// "line L, column C: what" for nlohmann's parse error at 1-based byte `byte` of `text`.
/// Columns count characters, not bytes, as editors do.
std::string syntaxError(const std::string &text, const Json::parse_error &e)
{
    const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < end; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 2: <what>".
    std::string what = e.what();
    const std::size_t start = what.find("parse error");
    const std::size_t colon = start == std::string::npos ? std::string::npos : what.find(": ", start);
    if (colon != std::string::npos)
        what = what.substr(colon + 2);
    // "; last read: '<text>'" quotes the file, which may be the middle of a password.
    if (const std::size_t lastRead = what.find("; last read:"); lastRead != std::string::npos)
        what.erase(lastRead);
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what;
}

/// Parses `text`, reporting keys that appear twice in one object: JSON parsers keep only one of
/// them silently, which hides mistakes like two "mapping" sections.
Json parseFlowText(const std::string &text, std::vector<FlowProblem> &duplicates)
{
    struct Frame
    {
        bool array = false;
        std::string path;
        std::size_t count = 0;
        std::string key;
        std::set<std::string> keys;
    };
    std::vector<Frame> stack;
    auto callback = [&](int, Json::parse_event_t event, Json &parsed) {
        switch (event) {
        case Json::parse_event_t::object_start:
        case Json::parse_event_t::array_start: {
            std::string path;
            if (!stack.empty()) {
                Frame &parent = stack.back();
                path = parent.array ? FlowChecker::index(parent.path, parent.count++)
                                    : FlowChecker::child(parent.path, parent.key);
            }
            Frame frame;
            frame.array = event == Json::parse_event_t::array_start;
            frame.path = std::move(path);
            stack.push_back(std::move(frame));
            break;
        }
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end:
            stack.pop_back();
            break;
        case Json::parse_event_t::key: {
            Frame &frame = stack.back();
            frame.key = parsed.get<std::string>();
            if (!frame.keys.insert(frame.key).second)
                duplicates.push_back({FlowChecker::child(frame.path, frame.key),
                                      "duplicate key '" + frame.key + "' (only the last one would count)"});
            break;
        }
        case Json::parse_event_t::value:
            if (!stack.empty() && stack.back().array)
                ++stack.back().count;
            break;
        }
        return true;
    };
    return Json::parse(text, callback);
}

/// Where a key goes when Flowdeck writes a flow: the order of the documentation, so saved files
/// read like the examples (nlohmann::json keeps keys sorted, which would put "description" first).
const std::vector<std::string_view> &keyOrder()
{
    static const std::vector<std::string_view> order = {
        "flowdeck", "name", "description", "type", "field", "op", "source", "sources", "destination",
        "transform", "path", "format", "csv", "header", "delimiter", "quote", "brokers", "protocol",
        "connection", "host", "port", "user", "password", "database", "tls", "socket", "connectTimeout",
        "table", "tables", "topic", "read", "group", "startFrom", "partition", "createTopics", "partitions",
        "replicationFactor", "debezium", "schemas", "serverName", "serverId", "tombstones", "decimalHandling",
        "schemaChangesTopic", "tidbExtension", "write", "mode", "key", "createTable", "addColumns", "versionColumn",
        "batchRows", "properties", "allowUnsafeProperties", "separator", "char", "keepFirst", "keepLast", "length", "to", "pattern",
        "with", "min", "max", "value", "mapping", "filters", "trigger", "every", "at", "incremental",
        "tieBreaker", "from", "deactivateAfterFailures", "errorHandling", "onError", "deadLetter"};
    return order;
}

nlohmann::ordered_json inWritingOrder(const Json &value)
{
    if (value.is_object()) {
        const auto &order = keyOrder();
        auto rank = [&](const std::string &key) {
            return std::size_t(std::find(order.begin(), order.end(), key) - order.begin());
        };
        std::vector<std::string> keys;
        for (const auto &[key, member] : value.items())
            keys.push_back(key);
        std::stable_sort(keys.begin(), keys.end(),
                         [&](const std::string &a, const std::string &b) { return rank(a) < rank(b); });
        nlohmann::ordered_json out = nlohmann::ordered_json::object();
        for (const auto &key : keys)
            out[key] = inWritingOrder(value.at(key));
        return out;
    }
    if (value.is_array()) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto &element : value)
            out.push_back(inWritingOrder(element));
        return out;
    }
    switch (value.type()) {
    case Json::value_t::string: return value.get<std::string>();
    case Json::value_t::boolean: return value.get<bool>();
    case Json::value_t::number_integer: return value.get<std::int64_t>();
    case Json::value_t::number_unsigned: return value.get<std::uint64_t>();
    case Json::value_t::number_float: return value.get<double>();
    default: return nullptr;
    }
}

/// Orders problems by the section they are in, as the sections appear in a flow file, keeping the
/// order within a section: environment and duplicate-key problems are found before validation
/// but belong next to the validation problems of their section.
void sortBySection(std::vector<FlowProblem> &problems)
{
    const auto &sections = FlowValidator::kTopLevelKeys;
    auto rank = [&](const FlowProblem &p) {
        const std::string section = p.path.substr(0, p.path.find_first_of(".["));
        const auto it = std::find(sections.begin(), sections.end(), section);
        // The document itself and unknown top-level keys come first, as the validator finds them.
        return it == sections.end() ? 0 : 1 + std::size_t(it - sections.begin());
    };
    std::stable_sort(problems.begin(), problems.end(),
                     [&](const FlowProblem &a, const FlowProblem &b) { return rank(a) < rank(b); });
}

void writeAll(int fd, const std::string &data)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw std::system_error(errno, std::generic_category());
        done += std::size_t(n);
    }
}

} // namespace

std::string FlowProblem::toString() const
{
    return path.empty() ? message : path + ": " + message;
}

FlowError::FlowError(std::string file, std::vector<FlowProblem> problems)
    : Error(errorMessage(file, problems))
    , m_file(std::move(file))
    , m_problems(std::move(problems))
{
}

std::string Flow::baseDir() const
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (filePath.empty())
        return fs::current_path(ec).string();
    const fs::path parent = fs::absolute(filePath, ec).parent_path();
    return parent.empty() ? fs::current_path(ec).string() : parent.string();
}

std::string Flow::resolvePath(const std::string &path) const
{
    namespace fs = std::filesystem;
    if (path.empty() || fs::path(path).is_absolute())
        return path;
    return (fs::path(baseDir()) / path).lexically_normal().string();
}

bool Flow::stopOnError() const
{
    return errorHandling.value("onError", std::string("stop")) != "skip";
}

std::vector<FlowProblem> validateFlow(const Json &doc)
{
    Json copy = doc;
    return FlowValidator().validate(copy);
}

Flow flowFromJson(const Json &raw, const EnvLookup &lookup, const std::string &filePath)
{
    std::vector<FlowProblem> problems;
    // Secrets (secret fields, expanded secret variables) never appear in a problem's message.
    SecretRedactor secrets;
    const EnvLookup recording = [&](const std::string &name) {
        std::optional<std::string> value = lookup(name);
        if (value && SecretRedactor::isSecretVariable(name))
            secrets.add(*value);
        return value;
    };
    Json doc = expandEnvironment(raw, recording, &problems);
    secrets.addFields(raw);
    secrets.addFields(doc);
    std::set<std::string> explained;
    for (const auto &p : problems)
        explained.insert(p.path);
    for (auto &p : FlowValidator().validate(doc)) {
        // "must not be empty" adds nothing to "environment variable X is not set".
        if (!explained.count(p.path))
            problems.push_back(std::move(p));
    }
    if (!problems.empty()) {
        for (FlowProblem &p : problems)
            p.message = secrets.redact(std::move(p.message));
        sortBySection(problems);
        throw FlowError(filePath, std::move(problems));
    }

    Flow flow;
    flow.raw = raw;
    flow.name = doc.at("name").get<std::string>();
    flow.description = doc.value("description", std::string());
    flow.source = doc.at("source");
    flow.destination = doc.at("destination");
    if (doc.contains("mapping"))
        flow.mapping = doc.at("mapping");
    if (doc.contains("filters"))
        flow.filters = doc.at("filters");
    if (doc.contains("trigger"))
        flow.trigger = doc.at("trigger");
    if (doc.contains("errorHandling"))
        flow.errorHandling = doc.at("errorHandling");
    flow.filePath = filePath;
    return flow;
}

Flow loadFlow(const std::string &path, const EnvLookup &lookup)
{
    std::string reason;
    const std::optional<std::string> text = readFile(path, reason);
    if (!text)
        throw FlowError(path, {{{}, "cannot read the file: " + reason}});
    std::vector<FlowProblem> duplicates;
    Json raw;
    try {
        raw = parseFlowText(*text, duplicates);
    } catch (const Json::parse_error &e) {
        throw FlowError(path, {{{}, syntaxError(*text, e)}});
    }
    std::optional<Flow> flow;
    std::vector<FlowProblem> problems = std::move(duplicates);
    try {
        flow = flowFromJson(raw, lookup, path);
    } catch (const FlowError &e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    if (!problems.empty()) {
        sortBySection(problems);
        throw FlowError(path, std::move(problems));
    }
    return std::move(*flow);
}

std::string flowNameInFile(const std::string &path)
{
    std::string reason;
    const std::optional<std::string> text = readFile(path, reason);
    if (!text)
        return {};
    const Json doc = Json::parse(*text, nullptr, false);
    if (!doc.is_object() || !doc.contains("name") || !doc["name"].is_string())
        return {};
    return doc["name"].get<std::string>();
}

std::string flowDocumentText(const Flow &flow)
{
    try {
        return inWritingOrder(flow.raw).dump(2) + '\n';
    } catch (const Json::type_error &e) {
        throw Error(std::string("cannot write the flow: ") + e.what());
    }
}

void saveFlow(const Flow &flow, const std::string &path)
{
    namespace fs = std::filesystem;
    std::string text;
    try {
        text = inWritingOrder(flow.raw).dump(2) + '\n';
    } catch (const Json::type_error &e) {
        throw Error("cannot save " + path + ": " + e.what());
    }
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    static std::atomic<unsigned> counter{0};
    // Same folder as the target, so the rename below never crosses file systems.
    const fs::path temp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + '-' +
                                 std::to_string(counter++));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Error("cannot save " + path + ": " + osError(errno));
    bool open = true;
    try {
        struct stat existing;
        if (::stat(path.c_str(), &existing) == 0)
            ::fchmod(fd, existing.st_mode & 07777); // saving keeps the file's permissions
        writeAll(fd, text);
        if (::fsync(fd) != 0)
            throw std::system_error(errno, std::generic_category());
        open = false; // even a failed close() releases the descriptor
        if (::close(fd) != 0)
            throw std::system_error(errno, std::generic_category());
        if (::rename(temp.c_str(), path.c_str()) != 0)
            throw std::system_error(errno, std::generic_category());
    } catch (const std::system_error &e) {
        if (open)
            ::close(fd);
        ::unlink(temp.c_str());
        throw Error("cannot save " + path + ": " + e.code().message());
    }
    // Make the rename itself durable; the data is safe either way, so a failure here is not fatal.
    if (const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
}

} // namespace flowdeck
