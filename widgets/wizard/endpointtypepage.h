#pragma once

#include "flowpage.h"

#include "core/flow/endpointvalidator.h"

class QButtonGroup;
class QLabel;

namespace flowdeck {

/// Where records come from, or go to: MySQL/MariaDB/TiDB, Kafka or a file. The next page is the
/// chosen type's page.
class EndpointTypePage : public FlowPage
{
    Q_OBJECT
public:
    EndpointTypePage(EndpointRole role, QWidget *parent = nullptr);

    /// "mysql", "kafka" or "file". // stored in flow files: do not rename
    QString type() const;
    void setType(const QString &type);

    void load(const nlohmann::json &flow) override;
    void save(nlohmann::json &) const override {}
    int nextId() const override;

private:
    EndpointRole m_role;
    QButtonGroup *m_group = nullptr;
};

} // namespace flowdeck
