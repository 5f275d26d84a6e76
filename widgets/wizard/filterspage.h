#pragma once

#include "jsonlistpage.h"

namespace flowdeck {

/// Filters: conditions on source fields a record must meet (the flow file's "filters"). A
/// placeholder over JSON text until widgets/mapping/filtereditor is wired in: keep
/// setFilters()/filters() when it is.
class FiltersPage : public JsonListPage
{
    Q_OBJECT
public:
    explicit FiltersPage(QWidget *parent = nullptr);

    nlohmann::json filters() const;
    void setFilters(const nlohmann::json &filters) { setList(filters.is_null() ? nlohmann::json::array() : filters); }

    void save(nlohmann::json &flow) const override;
    int nextId() const override;
};

} // namespace flowdeck
