#pragma once

#include "fieldinfo.h"

#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <QWidget>

class QLabel;
class QTableView;

namespace flowdeck {

class FilterModel;

/// The wizard's Filters page content: rows of field / condition / value(s), ANDed, with the
/// count of sample rows that pass, computed with core's FilterSet exactly as a run filters.
class FilterEditor : public QWidget
{
    Q_OBJECT
public:
    explicit FilterEditor(QWidget *parent = nullptr);

    void setSourceFields(const QList<SourceField> &fields);
    /// Shows how many sample rows pass.
    void setSample(const flowdeck::Batch &records);
    /// The flow file's "filters" array.
    nlohmann::json filters() const;
    void setFilters(const nlohmann::json &filters);
    /// False with a message naming the first bad filter ("Filter 2: ...").
    bool validate(QString *message) const;

    /// Adds a condition (what "Add filter" does, with the first source field and "equals").
    void addFilter(const QString &field, const QString &op, const nlohmann::json &value = "");
    /// Removes the selected conditions.
    void removeSelected();
    /// How many sample rows pass, or -1 while a filter is invalid.
    int passingCount() const { return m_passing; }
    QString passText() const;

    FilterModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

Q_SIGNALS:
    void changed();

private:
    void refresh();

    FilterModel *m_model;
    QTableView *m_view;
    QLabel *m_pass;
    QLabel *m_problem;
    QList<SourceField> m_fields;
    Batch m_sample;
    int m_passing = -1;
};

} // namespace flowdeck
