#pragma once

#include "flowpage.h"

class QPlainTextEdit;
class QTextBrowser;

namespace flowdeck {

class FieldMessage;

/// Review: every choice in readable form, and the flow file itself. Finish (Create, or Save for
/// an edit) is enabled only when core's validator finds no problem.
class ReviewPage : public FlowPage
{
    Q_OBJECT
public:
    explicit ReviewPage(QWidget *parent = nullptr);

    void load(const nlohmann::json &) override {}
    void save(nlohmann::json &) const override {}
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override { return -1; }

    /// The readable summary of `flow` (HTML).
    static QString summary(const nlohmann::json &flow);
    QString flowText() const;

private:
    QTextBrowser *m_summary = nullptr;
    QPlainTextEdit *m_json = nullptr;
    FieldMessage *m_problems = nullptr;
    bool m_valid = false;
};

} // namespace flowdeck
