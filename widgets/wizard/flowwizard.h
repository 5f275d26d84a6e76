#pragma once

#include "endpointprobe.h"

#include "core/flow/endpointvalidator.h"

#include <QStringList>
#include <QWizard>

#include <nlohmann/json.hpp>

namespace flowdeck {

class DetailsPage;
class EndpointTypePage;
class FilePage;
class FiltersPage;
class KafkaPage;
class MappingPage;
class MySqlPage;
class ReviewPage;
class TriggerPage;

/// A secret typed into the wizard: saved to the keychain under `variable` when the flow is
/// created, and referred to from the flow as ${variable}.
struct PendingSecret
{
    QString variable;
    QString value;
};

/// The flow wizard, AppFlow's console flow as a desktop wizard: details, source, destination,
/// mapping, filters, trigger and error handling, review. The source and destination each have a
/// type page and then the page of that type (nextId() branches on it).
///
/// Creates a flow file in the flows folder, or saves an edited one; the document it writes always
/// passes core's validator. Secrets go to the keychain (SecretStore), never into the file.
class FlowWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId {
        Details,
        SourceType,
        SourceMySql,
        SourceKafka,
        SourceFile,
        DestinationType,
        DestinationMySql,
        DestinationKafka,
        DestinationFile,
        Mapping,
        Filters,
        Trigger,
        Review,
    };

    /// `flowsFolder`: where the flow file is written. `existingNames`: names already taken.
    FlowWizard(const QString &flowsFolder, const QStringList &existingNames, QWidget *parent = nullptr);
    ~FlowWizard() override;

    /// The size the wizard opens at (smaller when the screen is): the mapping page shows both
    /// field lists, the mapping rows and the preview without scrolling for a table of ~6 columns.
    static QSize preferredSize();

    /// Edits an existing flow: the pages are filled from `raw` (the file's document) and Finish
    /// saves over `filePath` (renaming the file when the name changes).
    void editFlow(const nlohmann::json &raw, const QString &filePath);
    bool isEditing() const { return !m_editPath.isEmpty(); }
    const QString &editPath() const { return m_editPath; }
    const QStringList &existingNames() const { return m_existingNames; }
    /// Folder relative paths in the flow resolve against (the edited file's, else the flows folder).
    QString baseDir() const;
    QString flowName() const;

    /// The flow document the pages describe now, `${...}` references intact.
    nlohmann::json flowJson() const;
    /// Problems core's validator finds in flowJson(), as "path: message" lines.
    QStringList problems() const;
    /// Where Finish wrote the flow (empty before).
    const QString &savedPath() const { return m_savedPath; }

    /// The endpoint type ("file", "mysql", "kafka") chosen for a role.
    QString endpointType(EndpointRole role) const;

    /// What the source page found: fields and the first rows, for the mapping and filter pages,
    /// and how many records among them could not be read (left out of `sample`).
    void setSourceShape(const QList<EndpointField> &fields, const Batch &sample, int unreadable = 0);
    int sourceUnreadable() const { return m_unreadable; }
    const QList<EndpointField> &sourceFields() const { return m_sourceFields; }
    const Batch &sourceSample() const { return m_sample; }
    /// The destination table's columns (empty: free names, e.g. Kafka, a file, a new table).
    void setDestinationColumns(const QList<EndpointField> &columns);
    const QList<EndpointField> &destinationColumns() const { return m_destinationColumns; }

    /// Secrets typed on the pages, saved when the wizard finishes.
    QList<PendingSecret> pendingSecrets() const;

    void markChanged() { m_changed = true; }
    bool isChanged() const { return m_changed; }

    DetailsPage *detailsPage() const { return m_details; }
    EndpointTypePage *typePage(EndpointRole role) const;
    MySqlPage *mysqlPage(EndpointRole role) const;
    KafkaPage *kafkaPage(EndpointRole role) const;
    FilePage *filePage(EndpointRole role) const;
    MappingPage *mappingPage() const { return m_mapping; }
    FiltersPage *filtersPage() const { return m_filters; }
    TriggerPage *triggerPage() const { return m_trigger; }
    ReviewPage *reviewPage() const { return m_review; }

    void accept() override;
    void reject() override;

Q_SIGNALS:
    void sourceShapeChanged();
    void destinationColumnsChanged();
    /// The flow file was written (Create or Save).
    void flowSaved(const QString &path);

private:
    bool saveFlowFile(QString *error);

    QString m_flowsFolder;
    QStringList m_existingNames;
    QString m_editPath;
    nlohmann::json m_original = nlohmann::json::object();
    QString m_savedPath;
    bool m_changed = false;
    QList<EndpointField> m_sourceFields;
    Batch m_sample;
    int m_unreadable = 0;
    QList<EndpointField> m_destinationColumns;

    DetailsPage *m_details = nullptr;
    EndpointTypePage *m_sourceType = nullptr;
    EndpointTypePage *m_destinationType = nullptr;
    MySqlPage *m_sourceMySql = nullptr;
    MySqlPage *m_destinationMySql = nullptr;
    KafkaPage *m_sourceKafka = nullptr;
    KafkaPage *m_destinationKafka = nullptr;
    FilePage *m_sourceFile = nullptr;
    FilePage *m_destinationFile = nullptr;
    MappingPage *m_mapping = nullptr;
    FiltersPage *m_filters = nullptr;
    TriggerPage *m_trigger = nullptr;
    ReviewPage *m_review = nullptr;
};

} // namespace flowdeck
