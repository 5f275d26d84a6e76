#pragma once

#include "flowpage.h"

class QCheckBox;
class QLabel;
class QPlainTextEdit;

namespace flowdeck {

class FieldMessage;

/// A placeholder page editing one list of the flow file ("mapping" or "filters") as JSON text,
/// until the mapping and filter editors (widgets/mapping/) are wired in. It shows the source fields
/// and destination columns the wizard found, and checks the list with core's validator.
class JsonListPage : public FlowPage
{
    Q_OBJECT
public:
    /// `key`: "mapping" or "filters". `optionalText`: the check box that leaves the key out.
    JsonListPage(const char *key, const QString &optionalText, QWidget *parent = nullptr);

    /// The list, or null when the key is left out.
    nlohmann::json list() const;
    void setList(const nlohmann::json &list);

    void load(const nlohmann::json &flow) override;
    void save(nlohmann::json &flow) const override;
    void initializePage() override;
    bool validatePage() override;

protected:
    /// Problems of this list alone, checked on a flow built from the other pages.
    QStringList listProblems() const;
    void showShape();

    const char *m_key;
    QCheckBox *m_omit = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_shape = nullptr;
    FieldMessage *m_message = nullptr;
};

} // namespace flowdeck
