#pragma once

#include "flowpage.h"

class QButtonGroup;
class QComboBox;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace flowdeck {

class FieldMessage;

/// When the flow runs (on demand, on a schedule with an optional incremental field, continuously)
/// and what a bad record does (stop the run, or skip it to a dead-letter file or topic).
class TriggerPage : public FlowPage
{
    Q_OBJECT
public:
    enum class Kind { OnDemand, Schedule, Continuous };

    explicit TriggerPage(QWidget *parent = nullptr);

    void setKind(Kind kind);
    Kind kind() const;

    void load(const nlohmann::json &flow) override;
    void save(nlohmann::json &flow) const override;
    void initializePage() override;
    bool validatePage() override;

private:
    bool checkIncrementalField();

public:
    int nextId() const override;

    /// The dead-letter file "Skip" proposes: `<state folder>/<flow>.rejected.jsonl`.
    QString defaultDeadLetterFile() const;

private:
    void updateEnabled();
    nlohmann::json trigger(const nlohmann::json &original) const;
    nlohmann::json errorHandling(const nlohmann::json &original) const;

    QButtonGroup *m_kind = nullptr;
    QComboBox *m_scheduleKind = nullptr; // every / at
    QLineEdit *m_schedule = nullptr;
    QComboBox *m_incrementalField = nullptr;
    QComboBox *m_tieBreaker = nullptr;
    QLineEdit *m_from = nullptr;
    QSpinBox *m_deactivate = nullptr;
    FieldMessage *m_scheduleMessage = nullptr;
    QWidget *m_scheduleBox = nullptr;

    QButtonGroup *m_onError = nullptr;
    QComboBox *m_deadLetterKind = nullptr; // file / topic
    QLineEdit *m_deadLetter = nullptr;
    QLineEdit *m_deadLetterBrokers = nullptr;
    FieldMessage *m_errorMessage = nullptr;
    QWidget *m_deadLetterBox = nullptr;
};

} // namespace flowdeck
