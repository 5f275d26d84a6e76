#include "reviewpage.h"

#include "fieldmessage.h"
#include "flowwizard.h"

#include "widgets/mapping/filtermodel.h"

#include "core/flow/flow.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace flowdeck {

ReviewPage::ReviewPage(QWidget *parent)
    : FlowPage(parent)
{
    setObjectName(QStringLiteral("reviewPage"));
    setTitle(tr("Review"));
    setSubTitle(tr("Check the flow. It is saved as the flow file below, which `flowdeck run` runs too."));
    m_summary = new QTextBrowser(this);
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_json = new QPlainTextEdit(this);
    m_json->setObjectName(QStringLiteral("reviewJson"));
    m_json->setReadOnly(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_problems = new FieldMessage(this);
    m_problems->setObjectName(QStringLiteral("reviewProblems"));
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_summary);
    splitter->addWidget(m_json);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_problems);
}

static QString esc(const std::string &s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

// The write mode in the user's language (the flow file keeps the English word).
static QString modeText(const std::string &mode)
{
    if (mode == "insert") return ReviewPage::tr("insert (add rows)");
    if (mode == "update") return ReviewPage::tr("update (change rows found by key)");
    if (mode == "upsert") return ReviewPage::tr("upsert (insert, or update by key)");
    if (mode == "replicate") return ReviewPage::tr("replicate (apply change events)");
    return esc(mode);
}

// A filter as a sentence: "Industry does not equal "Energy"".
static QString filterText(const nlohmann::json &f)
{
    const QList<FilterRow> rows = FilterModel::fromJson(nlohmann::json::array({f}));
    const QString field = esc(f.value("field", std::string()));
    const QString op = esc(f.value("op", std::string()));
    if (rows.isEmpty())
        return field + QLatin1Char(' ') + op;
    const FilterRow &row = rows.first();
    QStringList values;
    for (const QString &v : FilterModel::valueParts(row))
        values << QStringLiteral("\u201c%1\u201d").arg(v.toHtmlEscaped());
    QString text = field + QLatin1Char(' ') + FilterModel::operatorLabel(row.op).toHtmlEscaped();
    if (FilterModel::arity(row.op) == FilterModel::Arity::Two && values.size() == 2)
        return text + QLatin1Char(' ') + ReviewPage::tr("%1 and %2").arg(values[0], values[1]);
    if (!values.isEmpty())
        text += QLatin1Char(' ') + values.join(QStringLiteral(", "));
    return text;
}

static QString endpointSummary(const nlohmann::json &e)
{
    if (!e.is_object())
        return {};
    const std::string type = e.value("type", std::string());
    QStringList lines;
    if (type == "file") {
        lines << ReviewPage::tr("File %1").arg(esc(e.value("path", std::string())));
        if (e.contains("format"))
            lines << ReviewPage::tr("format %1").arg(esc(e.value("format", std::string())));
    } else if (type == "mysql") {
        const nlohmann::json c = e.value("connection", nlohmann::json::object());
        auto text = [](const nlohmann::json &v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
        lines << ReviewPage::tr("MySQL %1:%2 as %3, database %4")
                     .arg(esc(text(c.value("host", nlohmann::json("")))), esc(text(c.value("port", nlohmann::json(3306)))),
                          esc(text(c.value("user", nlohmann::json("")))), esc(text(c.value("database", nlohmann::json("")))));
        if (c.contains("password"))
            lines << ReviewPage::tr("password from %1").arg(esc(text(c["password"])));
        lines << ReviewPage::tr("table %1").arg(esc(e.contains("tables") ? e["tables"].dump() : e.value("table", std::string())));
        if (e.contains("read"))
            lines << ReviewPage::tr("read: %1").arg(esc(e.value("read", std::string())));
        if (e.contains("write")) {
            const nlohmann::json w = e["write"];
            lines << ReviewPage::tr("write mode: %1").arg(modeText(w.value("mode", std::string())));
            if (w.contains("key"))
                lines << ReviewPage::tr("key: %1").arg(esc(w["key"].dump()));
            if (w.value("createTable", false) == true)
                lines << ReviewPage::tr("creates the table when missing");
            if (w.value("addColumns", false) == true)
                lines << ReviewPage::tr("adds missing columns");
            if (w.contains("versionColumn"))
                lines << ReviewPage::tr("version column: %1").arg(esc(w.value("versionColumn", std::string())));
        }
    } else if (type == "kafka") {
        lines << ReviewPage::tr("Kafka %1").arg(esc(e.value("brokers", std::string())));
        lines << ReviewPage::tr("topic %1").arg(esc(e.contains("topic") && !e["topic"].is_string() ? e["topic"].dump() : e.value("topic", std::string())));
        lines << ReviewPage::tr("protocol %1").arg(esc(e.value("protocol", std::string("json"))));
        if (e.contains("partition"))
            lines << ReviewPage::tr("partition by %1").arg(esc(e.value("partition", std::string())));
    }
    return lines.join(QStringLiteral("<br>"));
}

QString ReviewPage::summary(const nlohmann::json &flow)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(esc(flow.value("name", std::string())));
    if (flow.contains("description"))
        html += QStringLiteral("<p>%1</p>").arg(esc(flow.value("description", std::string())));
    auto section = [&html](const QString &title, const QString &body) {
        html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(title.toHtmlEscaped(), body);
    };
    section(tr("Source"), endpointSummary(flow.value("source", nlohmann::json())));
    section(tr("Destination"), endpointSummary(flow.value("destination", nlohmann::json())));
    QStringList mapping;
    if (!flow.contains("mapping")) {
        mapping << tr("every field to the column of the same name");
    } else if (flow["mapping"].is_array()) {
        for (const auto &m : flow["mapping"]) {
            if (!m.is_object())
                continue;
            const QString from = m.contains("source") ? esc(m.value("source", std::string())) : tr("(transform)");
            QString line = from + QStringLiteral(" → ") + esc(m.value("destination", std::string()));
            if (m.contains("transform"))
                line += QStringLiteral(" <i>%1</i>").arg(esc(m["transform"].dump()));
            mapping << line;
        }
    }
    section(tr("Mapping"), mapping.join(QStringLiteral("<br>")));
    QStringList filters;
    if (flow.contains("filters") && flow["filters"].is_array())
        for (const auto &f : flow["filters"])
            if (f.is_object())
                filters << filterText(f);
    section(tr("Filters"), filters.isEmpty() ? tr("none: every record is kept") : filters.join(QStringLiteral("<br>")));
    const nlohmann::json t = flow.value("trigger", nlohmann::json::object());
    const std::string type = t.is_object() ? t.value("type", std::string("onDemand")) : std::string();
    QString trigger = type == "onDemand" ? tr("Run on demand") : type == "continuous" ? tr("Run continuously") : tr("Run on a schedule");
    if (type == "schedule") {
        trigger += t.contains("every") ? tr(", every %1").arg(esc(t.value("every", std::string())))
                                       : tr(", daily at %1").arg(esc(t.value("at", std::string())));
        if (t.contains("incremental"))
            trigger += tr(", incremental on %1").arg(esc(t["incremental"].value("field", std::string())));
    }
    section(tr("Trigger"), trigger);
    const nlohmann::json e = flow.value("errorHandling", nlohmann::json::object());
    section(tr("Error handling"), e.is_object() && e.value("onError", std::string()) == "skip"
                                      ? tr("Skip bad records to %1").arg(esc(e.value("deadLetter", nlohmann::json()).dump()))
                                      : tr("Stop the current flow run"));
    return html;
}

void ReviewPage::initializePage()
{
    FlowWizard *w = flowWizard();
    const nlohmann::json flow = w->flowJson();
    m_summary->setHtml(summary(flow));
    m_json->setPlainText(flowText());
    const QStringList problems = w->problems();
    m_valid = problems.isEmpty();
    // The flow file format is ahead of this build's engine (createSink() in core/endpoints.cpp has
    // no file destination): say so before a run fails.
    const bool fileDestination = w->endpointType(EndpointRole::Destination) == QLatin1String("file");
    if (m_valid && !fileDestination)
        m_problems->clear();
    else if (m_valid)
        m_problems->showInfo(tr("The flow is valid, but this version of Flowdeck cannot write to file destinations yet."));
    else
        m_problems->showError(tr("Go back and fix:\n%1").arg(problems.join(QLatin1Char('\n'))));
    Q_EMIT completeChanged();
}

QString ReviewPage::flowText() const
{
    Flow flow;
    flow.raw = flowWizard()->flowJson();
    return QString::fromStdString(flowDocumentText(flow));
}

bool ReviewPage::isComplete() const
{
    return m_valid;
}

} // namespace flowdeck
