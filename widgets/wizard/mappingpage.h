#pragma once

#include "jsonlistpage.h"

namespace flowdeck {

/// Field mapping: which source field goes to which destination column (the flow file's
/// "mapping"). A placeholder over JSON text until widgets/mapping/mappingeditor is wired in: keep
/// setMapping()/mapping() when it is. Wiring: the editor's setSourceFields()/setSample() from
/// FlowWizard::sourceFields()/sourceSample() on sourceShapeChanged(), setDestinationColumns() from
/// destinationColumns() on destinationColumnsChanged() (EndpointField carries name, type and
/// required), validate() in validatePage(), changed() to touched().
class MappingPage : public JsonListPage
{
    Q_OBJECT
public:
    explicit MappingPage(QWidget *parent = nullptr);

    /// The "mapping" array, or null for "map all fields directly".
    nlohmann::json mapping() const { return list(); }
    void setMapping(const nlohmann::json &mapping) { setList(mapping); }

    int nextId() const override;
    bool validatePage() override;
};

} // namespace flowdeck
