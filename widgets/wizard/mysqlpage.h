#pragma once

#include "endpointpage.h"
#include "endpointprobe.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QTableView;
class QTimer;

namespace flowdeck {

class FieldMessage;
class MySqlConnectionForm;
class NameCountModel;

/// A MySQL/MariaDB/TiDB endpoint: the connection (tested off the UI thread), the table picked
/// from the live server (with row estimates), and the read mode (source) or the write mode, key,
/// create table / add columns / version column (destination). Complete once the connection test
/// and the table look-up answered.
class MySqlPage : public EndpointPage
{
    Q_OBJECT
public:
    MySqlPage(EndpointRole role, QWidget *parent = nullptr);

    MySqlConnectionForm *connectionForm() const { return m_form; }
    NameCountModel *tablesModel() const { return m_tablesModel; }
    void setTable(const QString &table);
    QString table() const;
    /// A connection test or a table look-up is under way.
    bool isBusy() const;
    /// The table look-up answered (and the table exists, or will be created).
    bool tableReady() const { return m_tableReady; }
    /// The table look-up found the table (false: it does not exist yet, or a template).
    bool tableExists() const { return m_tableExists; }
    /// The table name without its database, and the database it is in.
    QString tableName() const;
    QString tableDatabase() const;
    /// The connection as the look-ups use it (`${...}` expanded, the typed password).
    nlohmann::json connection() const;
    /// Destination: the key columns.
    QStringList key() const;
    void setKey(const QStringList &key);
    /// Looks the table up again (after "Create the Table" made it).
    void refreshTable() { scheduleTableLookup(); }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    QList<PendingSecret> pendingSecrets() const override;

protected:
    void loadEndpoint(const nlohmann::json &endpoint) override;
    void saveEndpoint(nlohmann::json &endpoint) const override;
    const char *type() const override { return "mysql"; }

private:
    void onTested(const ProbeResult &result);
    void scheduleTableLookup();
    void lookUpTable();
    bool isTemplateOrPattern() const;

    MySqlConnectionForm *m_form = nullptr;
    NameCountModel *m_tablesModel = nullptr;
    QTableView *m_tablesView = nullptr;
    QLineEdit *m_table = nullptr;
    FieldMessage *m_tableMessage = nullptr;
    QTimer *m_tableTimer = nullptr;
    // source
    QComboBox *m_read = nullptr;
    // destination
    QComboBox *m_mode = nullptr;
    QLineEdit *m_key = nullptr;
    QCheckBox *m_createTable = nullptr;
    QCheckBox *m_addColumns = nullptr;
    QLineEdit *m_versionColumn = nullptr;
    QSpinBox *m_batchRows = nullptr;
    FieldMessage *m_writeMessage = nullptr;

    nlohmann::json m_batchRowsOriginal; // e.g. "${BATCH_ROWS:-5000}", kept unless the spin box is changed
    bool m_batchRowsEdited = false;
    // {"name": "_version", "from": "commitTime"}: the line edit shows the name; the object is
    // written back while the name is unchanged
    nlohmann::json m_versionColumnOriginal;
    bool m_tableBusy = false;
    bool m_tableReady = false;
    bool m_tableExists = false;
    int m_tableGeneration = 0;
};

} // namespace flowdeck
