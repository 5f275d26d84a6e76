#include "core/export/exportcontext.h"

#include <regex>

namespace flowdeck::exporting {

namespace {

const nlohmann::json *find(const nlohmann::json &doc, const std::vector<std::string> &path)
{
    const nlohmann::json *node = &doc;
    for (const std::string &key : path) {
        if (!node->is_object() || !node->contains(key))
            return nullptr;
        node = &(*node)[key];
    }
    return node;
}

std::string scalarText(const nlohmann::json &v)
{
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_null())
        return {};
    return v.dump();
}

std::string joinPath(const std::vector<std::string> &path)
{
    std::string s;
    for (const std::string &p : path)
        s += (s.empty() ? "" : ".") + p;
    return s;
}

} // namespace

bool hasReference(const std::string &text)
{
    return text.find("${") != std::string::npos;
}

std::string rewriteReferences(const std::string &text, ReferenceSyntax syntax)
{
    static const std::regex reference(R"(\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), reference);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const std::smatch &m = *it;
        out += text.substr(last, std::size_t(m.position(0)) - last);
        switch (syntax) {
        case ReferenceSyntax::KafkaConnect:
            out += "${env:" + m[1].str() + "}";
            break;
        case ReferenceSyntax::Envsubst:
            out += "${" + m[1].str() + "}";
            break;
        }
        last = std::size_t(m.position(0) + m.length(0));
    }
    out += text.substr(last);
    return out;
}

ExportContext::ExportContext(const Flow &flow, ReferenceSyntax syntax)
    : m_flow(flow)
    , m_syntax(syntax)
{
}

void ExportContext::problem(std::string path, std::string message)
{
    m_problems.push_back({std::move(path), std::move(message)});
}

std::string ExportContext::value(const std::vector<std::string> &path) const
{
    if (const nlohmann::json *raw = find(m_flow.raw, path); raw && raw->is_string() && hasReference(raw->get<std::string>()))
        return rewriteReferences(raw->get<std::string>(), m_syntax);
    nlohmann::json expanded = nlohmann::json::object();
    expanded["source"] = m_flow.source;
    expanded["destination"] = m_flow.destination;
    expanded["errorHandling"] = m_flow.errorHandling;
    const nlohmann::json *v = find(expanded, path);
    return v ? scalarText(*v) : std::string();
}

std::string ExportContext::secret(const std::vector<std::string> &path)
{
    const nlohmann::json *raw = find(m_flow.raw, path);
    if (!raw || !raw->is_string() || raw->get<std::string>().empty())
        return {};
    if (!hasReference(raw->get<std::string>())) {
        problem(joinPath(path), "a password written in the flow is not exported; write it as ${NAME} and set NAME where the target runs");
        return {};
    }
    return rewriteReferences(raw->get<std::string>(), m_syntax);
}

void ExportContext::unsupportedKeys(const nlohmann::json &object, const std::string &path,
                                    const std::vector<std::string> &handled, const std::string &targetName)
{
    if (!object.is_object())
        return;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::find(handled.begin(), handled.end(), it.key()) == handled.end())
            problem(path + "." + it.key(), targetName + " has no equivalent");
    }
}

std::string regexEscape(const std::string &text)
{
    std::string out;
    for (char c : text) {
        if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

std::string tablePatternToRegex(const std::string &pattern)
{
    std::string out;
    for (char c : pattern) {
        if (c == '*')
            out += ".*";
        else if (c == '?')
            out += '.';
        else
            out += regexEscape(std::string(1, c));
    }
    return out;
}

std::string jdbcUrl(ExportContext &ctx, const std::string &endpoint)
{
    const std::string host = ctx.value({endpoint, "connection", "host"});
    const std::string port = ctx.value({endpoint, "connection", "port"});
    const std::string database = ctx.value({endpoint, "connection", "database"});
    std::string url = "jdbc:mysql://" + host + (port.empty() ? "" : ":" + port) + "/" + database;
    const std::string tls = ctx.value({endpoint, "connection", "tls"});
    // MySQL Connector/J's sslMode names the same levels as Flowdeck's tls.
    if (tls == "preferred")
        url += "?sslMode=PREFERRED";
    else if (tls == "required")
        url += "?sslMode=REQUIRED";
    else if (tls == "verify")
        url += "?sslMode=VERIFY_IDENTITY";
    else if (tls == "disabled")
        url += "?sslMode=DISABLED";
    return url;
}

TopicSelection topicSelection(ExportContext &ctx)
{
    TopicSelection selection;
    const nlohmann::json &topic = ctx.flow().source.value("topic", nlohmann::json());
    std::vector<std::string> all;
    if (topic.is_string())
        all.push_back(topic.get<std::string>());
    else if (topic.is_array())
        for (const nlohmann::json &t : topic)
            if (t.is_string())
                all.push_back(t.get<std::string>());
    std::vector<std::string> regexes;
    for (const std::string &t : all)
        (t.rfind('^', 0) == 0 ? regexes : selection.names).push_back(t);
    if (!regexes.empty()) {
        // One pattern for all: the names become alternatives of it.
        std::string joined;
        for (const std::string &r : regexes)
            joined += (joined.empty() ? "" : "|") + std::string("(") + r + ")";
        for (const std::string &n : selection.names)
            joined += "|(^" + regexEscape(n) + "$)";
        selection.names.clear();
        selection.regex = regexes.size() == 1 && all.size() == 1 ? regexes.front() : joined;
    }
    return selection;
}

} // namespace flowdeck::exporting
