#pragma once

#include <nlohmann/json.hpp>

#include <QDialog>
#include <QList>
#include <QPair>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QWidget;

namespace flowdeck {

/// Edits the transform steps or the validation steps of one mapping entry: a list of steps on
/// the left, the selected step's operator and parameters on the right (the parameters each op
/// takes come from MappingValidator::opKeys()). Each step is checked with core's
/// Transform::compile as it is edited; OK stays disabled while one is wrong.
class StepDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { Transforms, Validations };

    StepDialog(Kind kind, const QStringList &sourceFields, const nlohmann::json &steps, QWidget *parent = nullptr);

    nlohmann::json steps() const { return m_steps; }
    /// The first problem of the steps, or empty.
    QString problem() const;

    // For tests and scripted use: acts like the user.
    void addStep(const QString &op);
    void setParameter(const QString &key, const QString &text);
    void removeCurrentStep();

private:
    void showStep(int index);
    void rebuildForm();
    void readForm();
    void refresh();
    QString stepLabel(int index) const;

    Kind m_kind;
    QStringList m_fields;
    nlohmann::json m_steps;
    int m_current = -1;
    bool m_updating = false;
    QListWidget *m_list;
    QComboBox *m_op;
    QWidget *m_formHost;
    QFormLayout *m_form;
    QLabel *m_help;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    QList<QPair<QString, QWidget *>> m_params;
};

} // namespace flowdeck
