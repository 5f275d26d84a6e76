#include "filterspage.h"

#include "flowwizard.h"

#include <QCheckBox>

namespace flowdeck {

FiltersPage::FiltersPage(QWidget *parent)
    : JsonListPage("filters", QString(), parent)
{
    setObjectName(QStringLiteral("filtersPage"));
    setTitle(tr("Filters (optional)"));
    setSubTitle(tr("Keep only the records that meet every condition, e.g. "
                   "{\"field\": \"Industry\", \"op\": \"neq\", \"value\": \"Energy\"}. Leave the list empty to keep everything."));
    m_omit->hide();
    setFilters(nlohmann::json::array());
}

nlohmann::json FiltersPage::filters() const
{
    const nlohmann::json l = list();
    return l.is_null() ? nlohmann::json::array() : l;
}

void FiltersPage::save(nlohmann::json &flow) const
{
    const nlohmann::json f = filters();
    if (f.is_array() && f.empty() && !flow.contains("filters"))
        return;
    flow["filters"] = f;
}

int FiltersPage::nextId() const
{
    return FlowWizard::Trigger;
}

} // namespace flowdeck
