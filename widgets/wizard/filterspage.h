#pragma once

#include "flowpage.h"

namespace flowdeck {

class FieldMessage;
class FilterEditor;

/// Filters: conditions on source fields a record must meet (the flow file's "filters"), edited
/// with the FilterEditor, which counts the sample rows that pass. Filters loaded from a flow
/// file are written back as they were until the user changes them.
class FiltersPage : public FlowPage
{
    Q_OBJECT
public:
    explicit FiltersPage(QWidget *parent = nullptr);

    nlohmann::json filters() const;
    void setFilters(const nlohmann::json &filters);

    /// Takes the wizard's source fields and sample rows.
    void refreshSource();

    FilterEditor *editor() const { return m_editor; }

    void load(const nlohmann::json &flow) override;
    void save(nlohmann::json &flow) const override;
    void initializePage() override;
    int nextId() const override;
    bool validatePage() override;

Q_SIGNALS:
    void filtersChanged();

private:
    FilterEditor *m_editor = nullptr;
    FieldMessage *m_message = nullptr;
    nlohmann::json m_loaded = nlohmann::json::array();
    nlohmann::json m_loadedNormalised = nlohmann::json::array();
    bool m_updating = false;
};

/// Problems core's validator finds under `key` ("mapping", "filters") in the wizard's flow.
QStringList flowProblemsUnder(const FlowWizard *wizard, const char *key);

} // namespace flowdeck
