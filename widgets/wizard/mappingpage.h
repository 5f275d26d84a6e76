#pragma once

#include "flowpage.h"

class QCheckBox;
class QPushButton;

namespace flowdeck {

class CreateTableDialog;
class FieldMessage;
class MappingEditor;

/// Field mapping: which source field goes to which destination column (the flow file's
/// "mapping"), edited with the MappingEditor, fed from the wizard's source fields, sample rows
/// and destination columns. "Map all fields directly" leaves "mapping" out of the flow file
/// (AppFlow's default); otherwise at least one mapping is needed.
///
/// A mapping loaded from a flow file is written back as it was (key order, a single step kept in
/// an array, keys the editor does not show) until the user changes it.
class MappingPage : public FlowPage
{
    Q_OBJECT
public:
    explicit MappingPage(QWidget *parent = nullptr);

    /// The "mapping" array, or null for "map all fields directly".
    nlohmann::json mapping() const;
    void setMapping(const nlohmann::json &mapping);
    bool mapsAllFieldsDirectly() const;
    void setMapAllFieldsDirectly(bool mapAll);

    /// Takes the wizard's source fields and sample rows; mappings of fields the source still has
    /// are kept, the others are marked in the table.
    void refreshSource();
    /// Takes the wizard's destination columns.
    void refreshDestination();
    /// The filters, so the preview leaves out the rows a run filters out.
    void setFilters(const nlohmann::json &filters);

    MappingEditor *editor() const { return m_editor; }
    /// "Create the Table…", shown while the MySQL destination table does not exist.
    QPushButton *createTableButton() const { return m_createTable; }
    /// Opens the Create the Table dialog (window-modal, not blocking) on what the mapping and
    /// the preview say now; once the table is made, the mapping goes to its columns and the
    /// destination page takes its key and reads it.
    CreateTableDialog *openCreateTable();

    void load(const nlohmann::json &flow) override;
    void save(nlohmann::json &flow) const override;
    void initializePage() override;
    int nextId() const override;
    bool validatePage() override;

private:
    void reportStaleRows();
    void updateCreateTable();
    void tableCreated(const CreateTableDialog *dialog);

    QCheckBox *m_mapAll = nullptr;
    QPushButton *m_createTable = nullptr;
    MappingEditor *m_editor = nullptr;
    FieldMessage *m_message = nullptr;
    /// The mapping as loaded, and as the editor normalised it: unchanged edits save `m_loaded`.
    nlohmann::json m_loaded;
    nlohmann::json m_loadedNormalised;
    /// Set while the page pushes data into the editor, which is no edit by the user.
    bool m_updating = false;
};

} // namespace flowdeck
