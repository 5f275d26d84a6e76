#pragma once

#include <QStyledItemDelegate>
#include <QTreeWidget>

namespace flowdeck {

class FieldMappingModel;

/// The mime type of source field names dragged from SourceFieldList (UTF-8, one per line).
inline constexpr char kSourceFieldMimeType[] = "application/x-flowdeck-source-fields";

/// The source fields of the mapping and filter editors; dragging items carries their names.
class SourceFieldList : public QTreeWidget
{
    Q_OBJECT
public:
    explicit SourceFieldList(QWidget *parent = nullptr);

protected:
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override;
};

/// Source and Destination cells of the mapping table: a combo box of the known names
/// (editable for free destination names and for source fields the list does not have).
class MappingNameDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit MappingNameDelegate(FieldMappingModel *model, QObject *parent = nullptr);
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    FieldMappingModel *m_model;
};

} // namespace flowdeck
