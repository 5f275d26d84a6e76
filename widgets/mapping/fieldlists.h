#pragma once

#include <QStyledItemDelegate>
#include <QTreeWidget>

#include <functional>

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

/// Lets a view take source fields dragged from SourceFieldList: `accepts` says whether a drop
/// at a viewport position is welcome, `dropped` handles the names dropped there. Owned by the
/// view.
class FieldDropFilter : public QObject
{
    Q_OBJECT
public:
    using Accepts = std::function<bool(const QPoint &)>;
    using Dropped = std::function<void(const QStringList &, const QPoint &)>;
    FieldDropFilter(QAbstractScrollArea *view, Accepts accepts, Dropped dropped);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Accepts m_accepts;
    Dropped m_dropped;
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
