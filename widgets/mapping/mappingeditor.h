#pragma once

#include "automapper.h"
#include "fieldinfo.h"
#include "mappingcsv.h"

#include "core/model/record.h"

#include <nlohmann/json.hpp>

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTreeWidget;

namespace flowdeck {

class FieldMappingModel;
class MappingPreviewModel;
class SourceFieldList;

/// The wizard's Field mapping page content, the AppFlow way: source fields on the left,
/// destination columns on the right, "Map fields" for the selected pair, "Map all by name",
/// drag and drop, a transform and a validation per row, import from CSV, and a live preview of
/// the sample rows as a run writes them (core's FilterSet and Mapper).
///
/// Without destination columns (Kafka, a file, a table Flowdeck creates) destinations are free
/// names: mapping a field creates a column of the same name, editable in the table.
class MappingEditor : public QWidget
{
    Q_OBJECT
public:
    explicit MappingEditor(QWidget *parent = nullptr);
    ~MappingEditor() override;

    void setSourceFields(const QList<SourceField> &fields);
    /// Empty: free destination names (Kafka, file, new table).
    void setDestinationColumns(const QList<DestinationColumn> &columns);
    /// The first rows of the source, for the live preview.
    /// `unreadable`: source records among the first ones that could not be read (not in
    /// `records`); the preview counts them as rejected.
    void setSample(const flowdeck::Batch &records, int unreadable = 0);
    /// The flow's filters, so the preview leaves out the rows a run filters out.
    void setFilters(const nlohmann::json &filters);
    /// The flow file's "mapping" array (empty when nothing is mapped).
    nlohmann::json mapping() const;
    void setMapping(const nlohmann::json &mapping);
    /// False with a message naming the problem: nothing mapped, unmapped required columns, a
    /// field the source lacks, a mapping core refuses.
    bool validate(QString *message) const;

    /// Maps the selected source field to the selected destination column ("Map fields").
    /// Returns false and shows why when the selection is incomplete.
    bool mapSelected();
    /// Maps `source` to `destination` (a drop, the CSV import); an existing row for the
    /// destination is re-pointed to the source, keeping its steps.
    bool mapPair(const QString &source, const QString &destination, QString *message = nullptr);
    /// "Map all by name" over the fields and columns not mapped yet.
    AutoMapper::Result mapAllByName();
    /// Removes the selected mapping rows.
    void removeSelected();
    /// Imports `source,destination` lines; returns what was imported and every problem.
    MappingCsv::Result importMappingCsv(const QString &text);
    /// Replaces the transform or validation steps of a row (what the step dialog does).
    void setSteps(int row, bool validations, const nlohmann::json &steps);

    /// Destination columns that are required and not mapped.
    QStringList unmappedRequiredColumns() const;
    /// The text of the message line (last action's report and problems).
    QString messageText() const;

    FieldMappingModel *model() const { return m_model; }
    MappingPreviewModel *previewModel() const { return m_preview; }
    QTreeWidget *sourceList() const;
    QTreeWidget *destinationList() const { return m_destinations; }
    QTableView *mappingView() const { return m_view; }
    QTableView *previewView() const { return m_previewView; }

Q_SIGNALS:
    void changed();

private:
    void onMappingChanged();
    void refreshDestinations();
    void refreshPreview();
    void showReport(const QStringList &lines, bool problem);
    void editSteps(const QModelIndex &index);
    void importCsvFile();

    QList<SourceField> m_sourceFields;
    QList<DestinationColumn> m_columns;
    Batch m_sample;
    int m_unreadable = 0;
    nlohmann::json m_filters;
    FieldMappingModel *m_model;
    MappingPreviewModel *m_preview;
    SourceFieldList *m_sources;
    QTreeWidget *m_destinations;
    QStackedWidget *m_destinationStack;
    QTableView *m_view;
    QTableView *m_previewView;
    QLabel *m_required;
    QLabel *m_report;
    QLabel *m_previewLabel;
};

} // namespace flowdeck
