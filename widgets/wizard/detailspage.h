#pragma once

#include "flowpage.h"

class QLineEdit;
class QPlainTextEdit;

namespace flowdeck {

class FieldMessage;

/// Flow details: the name (required, unique, usable as a file name) and a description.
class DetailsPage : public FlowPage
{
    Q_OBJECT
public:
    explicit DetailsPage(QWidget *parent = nullptr);

    QString name() const;
    void load(const nlohmann::json &flow) override;
    void save(nlohmann::json &flow) const override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

    /// Why `name` is not acceptable as a new flow's name, or "" when it is.
    QString nameProblem(const QString &name) const;

private:
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    FieldMessage *m_nameMessage = nullptr;
};

} // namespace flowdeck
