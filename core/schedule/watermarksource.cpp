#include "core/schedule/watermarksource.h"

#include "core/model/errors.h"

#include <charconv>

namespace flowdeck {

namespace {

bool parseNumber(const std::string &s, double &out)
{
    if (s.empty())
        return false;
    const char *end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end;
}

/// "2026-01-01T10:00:00Z" -> "2026-01-01 10:00:00"; other text unchanged.
std::string normalized(const std::string &s)
{
    if (s.size() < 10 || s[4] != '-' || s[7] != '-')
        return s;
    std::string t = s;
    if (t.size() > 10 && (t[10] == 'T' || t[10] == 't'))
        t[10] = ' ';
    if (!t.empty() && (t.back() == 'Z' || t.back() == 'z'))
        t.pop_back();
    if (t.size() == 10)
        t += " 00:00:00";
    return t;
}

} // namespace

WatermarkSource::WatermarkSource(std::unique_ptr<Source> inner, const nlohmann::json &incremental)
    : m_inner(std::move(inner))
{
    m_field = incremental.value("field", std::string());
    if (m_field.empty())
        throw ConfigError("trigger.incremental.field: required: the field that grows (an update time or an id)");
    m_tieBreaker = incremental.value("tieBreaker", std::string());
    m_fromOption = incremental.value("from", std::string());
}

WatermarkSource::~WatermarkSource() = default;

int WatermarkSource::compareText(const std::string &a, const std::string &b)
{
    double x = 0, y = 0;
    if (parseNumber(a, x) && parseNumber(b, y))
        return x < y ? -1 : (x > y ? 1 : 0);
    const int c = normalized(a).compare(normalized(b));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int WatermarkSource::compare(const Mark &a, const Mark &b)
{
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (const int c = compareText(a[i], b[i]))
            return c;
    return 0;
}

nlohmann::json WatermarkSource::markJson(const std::optional<Mark> &m)
{
    return m ? nlohmann::json(*m) : nlohmann::json();
}

std::optional<WatermarkSource::Mark> WatermarkSource::markFrom(const nlohmann::json &j)
{
    if (!j.is_array())
        return std::nullopt;
    Mark m;
    for (const auto &v : j)
        m.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    return m;
}

void WatermarkSource::open(const nlohmann::json &resume)
{
    m_buffer.clear();
    if (resume.is_object() && resume.value("phase", std::string()) == "watermark") {
        m_from = markFrom(resume.value("from", nlohmann::json()));
        m_inclusive = resume.value("inclusive", false);
        m_max = markFrom(resume.value("max", nlohmann::json()));
        try {
            m_inner->open(resume.value("inner", nlohmann::json()));
        } catch (const Error &) {
            // The export was rewritten since the run stopped (shorter now, or another file):
            // read it again from its start. The watermark still filters, so nothing is skipped;
            // records written before the stop may be written again (idempotent with upsert).
            m_inner->open(nullptr);
        }
        return;
    }
    if (!resume.is_null())
        throw Error("cannot resume the incremental file source from checkpoint " + resume.dump() + " (run once with --restart)");
    m_from.reset();
    m_max.reset();
    m_inclusive = false;
    if (!m_fromOption.empty()) {
        m_from = Mark{m_fromOption};
        m_inclusive = true;
    }
    m_inner->open(nullptr);
}

bool WatermarkSource::read(Batch &out, std::size_t maxRecords)
{
    for (;;) {
        m_buffer.clear();
        const bool more = m_inner->read(m_buffer, maxRecords);
        std::size_t passed = 0;
        for (Record &r : m_buffer) {
            if (r.isError()) {
                r.position.gtid = markJson(m_max).dump();
                out.push_back(std::move(r));
                ++passed;
                continue;
            }
            const Value *field = r.field(m_field);
            if (!field || field->isNull())
                continue;
            Mark mark{field->toString()};
            if (!m_tieBreaker.empty()) {
                const Value *tie = r.field(m_tieBreaker);
                mark.push_back(tie ? tie->toString() : std::string());
            }
            if (m_from) {
                const int c = m_inclusive ? compareText(mark[0], (*m_from)[0]) : compare(mark, *m_from);
                if (c < 0 || (c == 0 && !m_inclusive))
                    continue;
            }
            if (!m_max || compare(mark, *m_max) > 0)
                m_max = mark;
            r.position.gtid = markJson(m_max).dump();
            out.push_back(std::move(r));
            ++passed;
        }
        if (passed || !more)
            return passed > 0;
    }
}

nlohmann::json WatermarkSource::checkpointAfter(const Position &position) const
{
    nlohmann::json max = nlohmann::json::parse(position.gtid, nullptr, false);
    if (max.is_discarded())
        max = nullptr;
    return {{"phase", "watermark"},
            {"inner", m_inner->checkpointAfter(position)},
            {"from", markJson(m_from)},
            {"inclusive", m_inclusive},
            {"max", max}};
}

nlohmann::json WatermarkSource::nextRunStart(const nlohmann::json &checkpoint) const
{
    if (!checkpoint.is_object())
        return checkpoint; // nothing read yet: the next run starts like this one
    const auto max = markFrom(checkpoint.value("max", nlohmann::json()));
    const bool moved = max.has_value();
    return {{"phase", "watermark"},
            {"inner", m_inner->nextRunStart(checkpoint.value("inner", nlohmann::json()))},
            {"from", moved ? markJson(max) : checkpoint.value("from", nlohmann::json())},
            {"inclusive", moved ? false : checkpoint.value("inclusive", false)},
            {"max", nullptr}};
}

} // namespace flowdeck
