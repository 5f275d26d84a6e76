#include "filterspage.h"

#include "fieldmessage.h"
#include "flowwizard.h"

#include "widgets/mapping/filtereditor.h"

#include <QVBoxLayout>

namespace flowdeck {

QStringList flowProblemsUnder(const FlowWizard *wizard, const char *key)
{
    QStringList out;
    if (!wizard)
        return out;
    const QString prefix = QLatin1String(key);
    for (const QString &p : wizard->problems())
        if (p.startsWith(prefix) && (p.size() == prefix.size() || p.at(prefix.size()) == QLatin1Char('[')
                                     || p.at(prefix.size()) == QLatin1Char(':')))
            out << p;
    return out;
}

FiltersPage::FiltersPage(QWidget *parent)
    : FlowPage(parent)
{
    setObjectName(QStringLiteral("filtersPage"));
    setTitle(tr("Filters (optional)"));
    setSubTitle(tr("Keep only the records that meet every condition. Leave the list empty to keep everything."));
    m_editor = new FilterEditor(this);
    m_editor->setObjectName(QStringLiteral("filterEditor"));
    m_message = new FieldMessage(this);
    m_message->setObjectName(QStringLiteral("filtersMessage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);
    connect(m_editor, &FilterEditor::changed, this, [this] {
        if (m_updating)
            return;
        m_message->clear();
        touched();
        Q_EMIT filtersChanged();
    });
}

nlohmann::json FiltersPage::filters() const
{
    const nlohmann::json edited = m_editor->filters();
    return edited == m_loadedNormalised ? m_loaded : edited;
}

void FiltersPage::setFilters(const nlohmann::json &filters)
{
    m_updating = true;
    m_loaded = filters.is_null() ? nlohmann::json::array() : filters;
    m_editor->setFilters(m_loaded);
    m_loadedNormalised = m_editor->filters();
    m_message->clear();
    m_updating = false;
    Q_EMIT filtersChanged();
}

void FiltersPage::refreshSource()
{
    FlowWizard *w = qobject_cast<FlowWizard *>(wizard());
    if (!w)
        return;
    QList<SourceField> fields;
    for (const EndpointField &f : w->sourceFields())
        fields << SourceField{f.name, f.type};
    m_updating = true;
    m_editor->setSourceFields(fields);
    m_editor->setSample(w->sourceSample());
    m_updating = false;
}

void FiltersPage::load(const nlohmann::json &flow)
{
    setFilters(flow.contains("filters") ? flow["filters"] : nlohmann::json::array());
}

void FiltersPage::save(nlohmann::json &flow) const
{
    const nlohmann::json f = filters();
    if (f.is_array() && f.empty() && !flow.contains("filters"))
        return;
    flow["filters"] = f;
}

void FiltersPage::initializePage()
{
    refreshSource();
}

int FiltersPage::nextId() const
{
    return FlowWizard::Trigger;
}

bool FiltersPage::validatePage()
{
    QString problem;
    if (m_editor->validate(&problem))
        problem = flowProblemsUnder(flowWizard(), "filters").join(QLatin1Char('\n'));
    if (problem.isEmpty()) {
        m_message->clear();
        return true;
    }
    m_message->showError(problem);
    return false;
}

} // namespace flowdeck
