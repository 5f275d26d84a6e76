#pragma once

#include "tableproposal.h"

#include <QDialog>

#include <nlohmann/json.hpp>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace flowdeck {

class FieldMessage;

/// "Create the Table": the CREATE TABLE statement the wizard proposes for a MySQL destination
/// (TableProposal: snake_case names, types from the preview, the key as PRIMARY KEY), shown and
/// editable before it runs. Create runs it off the UI thread and accepts once the server did;
/// the server's message is shown when it refuses.
class CreateTableDialog : public QDialog
{
    Q_OBJECT
public:
    CreateTableDialog(const TableProposal &proposal, const nlohmann::json &connection, const QString &database,
                      const QString &table, const QStringList &key, QWidget *parent = nullptr);

    const TableProposal &proposal() const { return m_proposal; }
    QStringList key() const;
    QString sql() const;
    QLineEdit *keyEdit() const { return m_key; }
    QPlainTextEdit *sqlEdit() const { return m_sql; }
    /// Runs the statement (what the Create button does).
    void create();

    /// The statement over several lines: one column per line.
    static QString formatSql(const QString &sql);

private:
    void updateSql();

    TableProposal m_proposal;
    nlohmann::json m_connection;
    QString m_database;
    QString m_table;
    QLineEdit *m_key = nullptr;
    QPlainTextEdit *m_sql = nullptr;
    FieldMessage *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace flowdeck
